"""Saved maps: a produsen puts several layers on a map with a view; the map has its own page,
address and embed; every viewer sees only the layers the access gate lets them see, and the
embed shows only terbuka layers whoever looks."""

import pytest
from django.test import Client

from satudata.apps.catalog.errors import ActionError
from satudata.apps.geo.actions import check_save_map
from satudata.apps.geo.models import SavedMap
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import KECAMATAN, KELURAHAN
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_layer_version, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def layer(crew, title: str, source, access_level: str = "terbuka"):
    dataset = make_dataset(crew["org"], access_level=access_level, published=False, title=title)
    return publish(dataset, make_layer_version(dataset, source))


@pytest.fixture
def layers(crew):
    return {
        "open": layer(crew, "Batas Kelurahan", KELURAHAN),
        "closed": layer(crew, "Kecamatan Rawan", KECAMATAN, "tertutup"),
    }


def create(client, layers, **extra):
    data = {
        "title": "Peta Layanan Kesehatan",
        "description": "Kelurahan dan kecamatan rawan.",
        "is_public": "on",
        "layer_1": layers["closed"].slug,
        "opacity_1": "60",
        "layer_2": layers["open"].slug,
        "opacity_2": "100",
        "center_lon": "106.64",
        "center_lat": "-6.18",
        "zoom": "12.5",
        **extra,
    }
    return client.post("/kerja/peta/baru/", data)


def shown(client, slug: str, embed: bool = False) -> list[str]:
    page = client.get(f"/peta/{slug}/{'sematkan/' if embed else ''}")
    assert page.status_code == 200
    return [entry["id"] for entry in page.context["config"]["layers"]]


def test_a_produsen_saves_a_map_of_several_layers_with_its_view(crew, layers):
    client = signed_in(crew["produsen"])
    assert client.get("/kerja/peta/baru/").status_code == 200
    answer = create(client, layers)
    saved = SavedMap.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/peta/{saved.slug}/"
    assert saved.slug == "peta-layanan-kesehatan"
    assert [item["dataset"] for item in saved.layers] == [
        layers["closed"].slug,
        layers["open"].slug,
    ]
    assert saved.layers[0]["opacity"] == 60
    assert saved.view == {"center": [106.64, -6.18], "zoom": 12.5}
    assert AuditEntry.objects.filter(action="map.save").count() == 1
    config = client.get(f"/peta/{saved.slug}/").context["config"]
    assert config["view"] == saved.view and config["png"]["filename"] == f"{saved.slug}.png"
    assert [entry["opacity"] for entry in config["layers"]] == [60, 100]
    edit = client.get(f"/kerja/peta/{saved.slug}/ubah/")
    assert edit.context["form"].initial["layer_1"] == layers["closed"].slug


def test_each_viewer_sees_only_the_layers_it_may_see(crew, layers):
    create(signed_in(crew["produsen"]), layers)
    slug = SavedMap.objects.get().slug
    assert shown(Client(), slug) == [layers["open"].slug]
    assert shown(signed_in(crew["stranger"]), slug) == [layers["open"].slug]
    assert shown(signed_in(crew["produsen"]), slug) == [layers["closed"].slug, layers["open"].slug]
    page = Client().get(f"/peta/{slug}/").content.decode()
    assert "Kecamatan Rawan" not in page and layers["closed"].slug not in page
    read = AuditEntry.objects.filter(action="dataset.read", detail__what="map")
    assert read.count() == 1  # the produsen's read of the tertutup layer


def test_the_embed_shows_only_terbuka_layers_and_may_be_framed(crew, layers):
    create(signed_in(crew["produsen"]), layers)
    slug = SavedMap.objects.get().slug
    assert shown(signed_in(crew["produsen"]), slug, embed=True) == [layers["open"].slug]
    embed = Client().get(f"/peta/{slug}/sematkan/")
    assert "X-Frame-Options" not in embed
    assert Client().get(f"/peta/{slug}/")["X-Frame-Options"] == "DENY"
    page = signed_in(crew["produsen"]).get(f"/peta/{slug}/").content.decode()
    assert f"/peta/{slug}/sematkan/" in page and "&lt;iframe" in page


def test_an_unlisted_map_is_only_for_its_organisation_and_the_walidata(crew, layers):
    create(signed_in(crew["produsen"]), layers, is_public="")
    slug = SavedMap.objects.get().slug
    missing = "/peta/tidak-ada/"
    for who in (None, "stranger", "partner"):
        client = signed_in(crew[who]) if who else Client()
        assert client.get(f"/peta/{slug}/").status_code == client.get(missing).status_code == 404
        assert client.get(f"/peta/{slug}/sematkan/").status_code == 404
        assert "Peta Layanan" not in client.get("/peta/").content.decode()
    assert signed_in(crew["walidata"]).get(f"/peta/{slug}/").status_code == 200
    assert "Peta Layanan" in signed_in(crew["produsen"]).get("/peta/").content.decode()


def test_only_the_organisation_s_produsen_and_the_walidata_change_a_map(crew, layers):
    create(signed_in(crew["produsen"]), layers)
    slug = SavedMap.objects.get().slug
    assert signed_in(crew["stranger"]).get(f"/kerja/peta/{slug}/ubah/").status_code == 403
    assert signed_in(crew["partner"]).get("/kerja/peta/baru/").status_code == 403
    assert Client().get("/kerja/peta/baru/").status_code == 302  # to sign in
    answer = signed_in(crew["walidata"]).post(
        f"/kerja/peta/{slug}/ubah/",
        {"title": "Peta Ringkas", "layer_1": layers["open"].slug, "opacity_1": "80"},
    )
    assert answer.status_code == 302
    saved = SavedMap.objects.get()
    assert saved.title == "Peta Ringkas" and saved.slug == slug and not saved.is_public
    assert saved.layers == [{"dataset": layers["open"].slug, "opacity": 80, "visible": True}]


def test_a_map_holds_only_layers_its_author_may_see(crew, layers):
    stranger = signed_in(crew["stranger"])
    answer = create(stranger, layers)
    assert answer.status_code == 200
    assert "layer_1" in answer.context["form"].errors  # not among the stranger's choices
    with pytest.raises(ActionError):
        check_save_map(
            user=crew["stranger"],
            data={"title": "x", "layers": [{"dataset": layers["closed"].slug, "opacity": 100}]},
        )
    empty = create(signed_in(crew["produsen"]), layers, layer_1="", layer_2="")
    assert "Choose at least one layer" in empty.content.decode()
    twice = create(signed_in(crew["produsen"]), layers, layer_2=layers["closed"].slug)
    assert "already on the map" in twice.content.decode()
    assert not SavedMap.objects.exists()
