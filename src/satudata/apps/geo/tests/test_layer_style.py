"""A layer's map style: its produsen chooses one colour, categories or classes; the map of the
dataset page paints with them and shows their legend; a map's search box finds features
through the access gate."""

import json

import pytest
from django.test import Client

from satudata.apps.geo.models import LayerStyle
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.styles import QUALITATIVE
from satudata.engines.geo.tests.conftest import KELURAHAN
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_layer_version, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def layer(crew, access_level: str = "terbuka"):
    dataset = make_dataset(
        crew["org"], access_level=access_level, published=False, title="Batas Kelurahan"
    )
    return publish(dataset, make_layer_version(dataset, KELURAHAN))


def style_url(dataset) -> str:
    return f"/kerja/dataset/{dataset.slug}/gaya-peta/"


def map_config(client, dataset) -> dict:
    page = client.get(dataset.get_absolute_url())
    assert page.status_code == 200
    return page.context["layer_map"]


def test_a_graduated_style_is_saved_and_the_map_paints_its_classes(crew):
    dataset = layer(crew)
    client = signed_in(crew["produsen"])
    form = client.get(style_url(dataset))
    assert form.status_code == 200
    answer = client.post(
        style_url(dataset),
        {
            "kind": "graduated",
            "attribute": "lat",
            "method": "natural_breaks",
            "classes": "4",
            "palette": "Reds",
            "colour": "#0a4d8c",
        },
    )
    assert answer.status_code == 302
    saved = LayerStyle.objects.get(dataset=dataset)
    assert (saved.kind, saved.attribute, saved.classes) == ("graduated", "lat", 4)
    assert AuditEntry.objects.filter(action="dataset.layer_style").count() == 1
    style = map_config(Client(), dataset)["layers"][0]["style"]
    assert style["kind"] == "graduated" and len(style["legend"]) == 4
    assert sum(entry["count"] for entry in style["legend"]) == 104
    assert style["colour"][0] == "case" and style["colour"][2][0] == "step"
    page = Client().get(dataset.get_absolute_url())
    assert b"map-config" in page.content


def test_a_categorised_style_gives_each_kecamatan_a_colour(crew):
    dataset = layer(crew)
    LayerStyle.objects.create(dataset=dataset, kind="categorised", attribute="nama_kec")
    style = map_config(Client(), dataset)["layers"][0]["style"]
    assert len(style["legend"]) == 12 + 1  # 13 kecamatan: twelve colours and "other"
    assert style["legend"][0]["colour"] == QUALITATIVE[0]
    assert style["colour"][0] == "match"


def test_classes_need_a_number_and_categories_an_attribute(crew):
    dataset = layer(crew)
    client = signed_in(crew["produsen"])
    base = {"method": "quantile", "classes": "5", "palette": "Blues", "colour": "#0a4d8c"}
    text = client.post(style_url(dataset), {**base, "kind": "graduated", "attribute": "nama"})
    assert text.status_code == 200
    assert "“nama” is not one" in text.content.decode()
    none = client.post(style_url(dataset), {**base, "kind": "categorised", "attribute": ""})
    assert "Choose the attribute" in none.content.decode()
    many = client.post(
        style_url(dataset), {**base, "kind": "graduated", "attribute": "lat", "classes": "12"}
    )
    assert "Choose from 2 to 9 classes" in many.content.decode()
    colour = client.post(style_url(dataset), {**base, "kind": "single", "colour": "red"})
    assert "#rrggbb" in colour.content.decode()
    assert not LayerStyle.objects.exists()


def test_only_the_dataset_s_editors_choose_its_style(crew):
    dataset = layer(crew)
    for who in ("stranger", "partner", "pembina"):
        answer = signed_in(crew[who]).post(
            style_url(dataset), {"kind": "single", "colour": "#000000", "classes": "5"}
        )
        assert answer.status_code in (403, 404), who
    assert not LayerStyle.objects.exists()


def test_a_style_that_no_longer_fits_the_version_falls_back_to_one_colour(crew):
    dataset = layer(crew)
    LayerStyle.objects.create(dataset=dataset, kind="graduated", attribute="hilang")
    style = map_config(Client(), dataset)["layers"][0]["style"]
    assert style["kind"] == "single" and isinstance(style["colour"], str)
    assert style["note"]


def test_the_map_search_finds_features_of_the_layer_and_of_the_base_kelurahan(crew, base_layers):
    dataset = layer(crew)
    version = dataset.published_version
    found = Client().get(f"/peta/{dataset.slug}/{version.number}/cari", {"q": "cikokol"}).json()
    assert found["matches"][0]["text"] == "Cikokol"
    assert len(found["matches"][0]["bbox"]) == 4
    base = Client().get("/peta/dasar/kelurahan/cari", {"q": "karawaci baru"}).json()
    assert [m["text"] for m in base["matches"]] == ["Karawaci Baru"]
    entry = map_config(Client(), dataset)
    assert entry["layers"][0]["search"] == f"/peta/{dataset.slug}/{version.number}/cari"
    assert {b["id"]: b["search"] for b in entry["base"]}["kelurahan"] == (
        "/peta/dasar/kelurahan/cari"
    )


def test_the_map_search_of_a_tertutup_layer_is_hidden_and_audited(crew):
    dataset = layer(crew, "tertutup")
    url = f"/peta/{dataset.slug}/{dataset.published_version.number}/cari"
    missing = f"/peta/tidak-ada/{dataset.published_version.number}/cari"
    for who in (None, "stranger", "partner"):
        client = signed_in(crew[who]) if who else Client()
        hidden, absent = client.get(url, {"q": "cikokol"}), client.get(missing, {"q": "cikokol"})
        assert hidden.status_code == absent.status_code == 404, who
        assert b"Cikokol" not in hidden.content
    answer = signed_in(crew["produsen"]).get(url, {"q": "cikokol"})
    assert answer.status_code == 200 and answer["Cache-Control"] == "private, no-store"
    read = AuditEntry.objects.get(action="dataset.read", detail__what="map-search")
    assert read.detail["q"] == "cikokol"
    assert json.loads(answer.content)["matches"]
