"""Thematic maps from tables: the explorer maps a grouping by kode wilayah (kecamatan or
kelurahan) as a choropleth of the base boundaries, joined by code."""

import json

import pytest
from django.test import Client

from satudata.engines.geo.from_table import dotted_code as code_of
from satudata.engines.geo.tests.conftest import KELURAHAN
from satudata.platform.testing.factories import make_dataset, make_org, make_version, publish

pytestmark = pytest.mark.django_db
KODE = sorted(f["properties"]["kode"] for f in json.loads(KELURAHAN.read_text())["features"])


def table(codes: list[str], values: list[int], access_level: str = "terbuka"):
    dataset = make_dataset(make_org(), access_level=access_level, published=False)
    version = make_version(dataset, columns={"kode_wilayah": codes, "jumlah": values})
    return publish(dataset, version), version


def explore(client, dataset, version, **params):
    query = {"group": "kode_wilayah", "agg": "sum:jumlah", "chart": "map", **params}
    return client.get(f"/dataset/{dataset.slug}/versi/{version.number}/jelajah/", query)


def test_codes_with_or_without_dots_name_the_same_wilayah():
    assert code_of("3671011001") == code_of("36.71.01.1001") == "36.71.01.1001"
    assert code_of("36.71.01") == "36.71.01"
    assert code_of("36.71") is None and code_of(None) is None and code_of("Cikokol") is None


def test_a_kelurahan_grouping_is_mapped_on_the_kelurahan_boundaries(base_layers):
    codes = [code.replace(".", "") for code in KODE] * 2  # undotted, two rows per kelurahan
    dataset, version = table(codes, list(range(len(codes))))
    page = explore(Client(), dataset, version, classes="4", method="equal_interval")
    assert page.status_code == 200
    found = page.context["thematic_map"]
    assert found["matched"] == 104 and found["level"] == "kelurahan"
    layer = found["config"]["layers"][0]
    assert layer["tiles"].startswith("/ogc/collections/kelurahan/tiles/")
    assert layer["source_layer"] == "kelurahan"
    assert len(layer["style"]["legend"]) == 4
    assert sum(entry["count"] for entry in layer["style"]["legend"]) == 104
    colour = layer["style"]["colour"]
    assert colour[:2] == ["match", ["get", "kode"]]
    assert set(colour[2:-1:2]) == set(KODE)  # every kelurahan coloured, by its dotted code
    first = KODE[0]
    assert layer["values"]["by_code"][first] == str(0 + 104)  # sum of its two rows
    html = page.content.decode()
    assert 'id="map-config-tematik"' in html and "maplibre-gl.js" in html
    assert 'name="method"' in html and 'value="equal_interval" selected' in html


def test_a_kecamatan_grouping_is_mapped_on_the_kecamatan_boundaries(base_layers):
    dataset, version = table(["36.71.01", "36.71.02", "36.71.03"], [10, 20, 30])
    found = explore(Client(), dataset, version).context["thematic_map"]
    assert found["level"] == "kecamatan" and found["matched"] == 3
    layer = found["config"]["layers"][0]
    assert layer["source_layer"] == "kecamatan"
    assert len(layer["style"]["legend"]) == 3


def test_without_a_kode_wilayah_grouping_the_explorer_draws_a_chart(base_layers):
    dataset, version = table(["36.71.01", "36.71.02"], [1, 2])
    page = Client().get(
        f"/dataset/{dataset.slug}/versi/{version.number}/jelajah/",
        {"group": "jumlah", "agg": "count", "chart": "map"},
    )
    assert page.context["thematic_map"] is None
    assert page.context["chart"]["type"] == "bar"
    assert "map" not in page.context["chart_urls"]


def test_the_thematic_map_of_a_hidden_table_is_not_served(base_layers):
    dataset, version = table(KODE[:3], [1, 2, 3], access_level="tertutup")
    assert explore(Client(), dataset, version).status_code == 404
