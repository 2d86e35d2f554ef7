"""The OpenAPI definition (`service-desc`), the queryables of each collection and the
`datetime` filter of a layer that has a date."""

import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from satudata.platform.testing.factories import make_dataset, make_layer_version, make_org, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def posyandu(tmp_path):
    features = [
        {
            "type": "Feature",
            "properties": {"nama": f"Posyandu {n}", "tanggal_kunjungan": f"2024-{n:02d}-15"},
            "geometry": {"type": "Point", "coordinates": [106.60 + n / 100, -6.18]},
        }
        for n in range(1, 13)
    ]
    source = tmp_path / "posyandu.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    dataset = make_dataset(make_org("opd", name="Dinas Kesehatan"), published=False)
    return publish(dataset, make_layer_version(dataset, source))


def test_the_landing_page_links_a_valid_openapi_definition(base_layers, posyandu):
    landing = Client().get("/ogc/").json()
    described = next(link for link in landing["links"] if link["rel"] == "service-desc")
    answer = Client().get(described["href"])
    assert answer["Content-Type"].startswith("application/vnd.oai.openapi+json")
    definition = answer.json()
    validate(definition)
    assert f"/collections/{posyandu.slug}/items" in definition["paths"]
    parameters = {
        p["name"]
        for p in definition["paths"][f"/collections/{posyandu.slug}/items"]["get"]["parameters"]
    }
    assert {"bbox", "limit", "offset", "datetime", "nama"} <= parameters
    assert "datetime" not in {
        p["name"] for p in definition["paths"]["/collections/kecamatan/items"]["get"]["parameters"]
    }


def test_queryables_list_the_attributes_with_their_types(posyandu):
    collection = Client().get(f"/ogc/collections/{posyandu.slug}").json()
    link = next(x for x in collection["links"] if x["rel"].endswith("/rel/ogc/1.0/queryables"))
    answer = Client().get(link["href"])
    assert answer["Content-Type"] == "application/schema+json"
    properties = answer.json()["properties"]
    assert properties["tanggal_kunjungan"]["format"] == "date"
    assert properties["tanggal_kunjungan"]["x-ogc-role"] == "primary-instant"
    assert properties["nama"]["type"] == "string"


@pytest.mark.parametrize(
    ("value", "months"),
    [
        ("2024-03-15", [3]),
        ("2024-03-01/2024-05-31", [3, 4, 5]),
        ("../2024-02-20", [1, 2]),
        ("2024-11-15T00:00:00Z/..", [11, 12]),
    ],
)
def test_datetime_keeps_the_features_in_the_interval(posyandu, value, months):
    page = (
        Client()
        .get(f"/ogc/collections/{posyandu.slug}/items", {"datetime": value, "limit": 50})
        .json()
    )
    found = sorted(int(f["properties"]["tanggal_kunjungan"][5:7]) for f in page["features"])
    assert found == months
    assert "datetime=" in page["links"][0]["href"]


@pytest.mark.parametrize("value", ["kemarin", "2024-05-01/2024-01-01"])
def test_a_bad_datetime_is_a_400(posyandu, value):
    answer = Client().get(f"/ogc/collections/{posyandu.slug}/items", {"datetime": value})
    assert answer.status_code == 400 and "datetime" in answer.json()["description"]


def test_datetime_on_a_layer_without_a_date_is_a_400(base_layers):
    answer = Client().get("/ogc/collections/kecamatan/items?datetime=2024-01-01")
    assert answer.status_code == 400
