"""OGC API – Features at /ogc/ on the base layers: documents, links, paging, filters and the
400s that name the parameter."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CIPONDOH = "36.71.05"


def get(url: str, **headers: str):
    return Client().get(url, headers=headers)


def href(document: dict, rel: str) -> str | None:
    return next((link["href"] for link in document["links"] if link["rel"] == rel), None)


def test_the_landing_page_leads_to_conformance_and_collections(base_layers):
    landing = get("/ogc/").json()
    assert href(landing, "conformance") == "http://testserver/ogc/conformance"
    assert href(landing, "data") == "http://testserver/ogc/collections"
    conforms = get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms


def test_collections_describe_each_base_layer(base_layers):
    found = {c["id"]: c for c in get("/ogc/collections").json()["collections"]}
    assert set(found) == {"katalog", "kelurahan", "kecamatan"}
    kelurahan = found["kelurahan"]
    assert kelurahan["itemType"] == "feature"
    assert kelurahan["extent"]["spatial"]["bbox"][0] == base_layers["kelurahan"].bbox
    assert href(kelurahan, "items") == "http://testserver/ogc/collections/kelurahan/items"
    assert get("/ogc/collections/kecamatan").json()["id"] == "kecamatan"
    assert get("/ogc/collections/tidak-ada").status_code == 404


def test_items_page_through_the_layer_with_next_and_prev_links(base_layers):
    response = get("/ogc/collections/kelurahan/items?limit=5")
    assert response["Content-Type"] == "application/geo+json"
    first = response.json()
    assert first["type"] == "FeatureCollection"
    assert (first["numberMatched"], first["numberReturned"]) == (104, 5)
    ids = [f["id"] for f in first["features"]]
    assert len(set(ids)) == 5 and all(1 <= i <= 104 for i in ids)
    assert href(first, "prev") is None
    second = get(href(first, "next").removeprefix("http://testserver")).json()
    assert len(second["features"]) == 5
    assert not set(ids) & {f["id"] for f in second["features"]}
    assert "offset=0" in href(second, "prev")
    last = get("/ogc/collections/kelurahan/items?limit=10&offset=100").json()
    assert last["numberReturned"] == 4 and href(last, "next") is None


def test_a_box_and_attributes_filter_the_items_and_stay_in_the_links(base_layers):
    named = get(f"/ogc/collections/kelurahan/items?kode_kec={CIPONDOH}&limit=3").json()
    assert named["numberMatched"] == 10
    assert {f["properties"]["nama_kec"] for f in named["features"]} == {"Cipondoh"}
    assert f"kode_kec={CIPONDOH}" in href(named, "next")
    boxed = get("/ogc/collections/kecamatan/items?bbox=106.60,-6.20,106.62,-6.18").json()
    assert 0 < boxed["numberMatched"] < 13
    outside = get("/ogc/collections/kecamatan/items?bbox=110,-7,111,-6").json()
    assert outside["numberMatched"] == 0 and outside["features"] == []


def test_one_item_by_its_id(base_layers):
    item = get("/ogc/collections/kecamatan/items/1").json()
    assert item["type"] == "Feature" and item["id"] == 1
    assert item["properties"]["kode"] == "36.71.01"
    assert href(item, "collection") == "http://testserver/ogc/collections/kecamatan"
    assert get("/ogc/collections/kecamatan/items/14").status_code == 404


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("limit=0", "limit"),
        ("limit=sepuluh", "limit"),
        ("offset=-1", "offset"),
        ("bbox=106,-6,107", "bbox"),
        ("bbox=107,-6,106,-7", "bbox"),
        ("bbox-crs=EPSG:3857&bbox=1,2,3,4", "bbox-crs"),
        ("warna=merah", "warna"),
        ("f=xml", "html"),
    ],
)
def test_bad_parameters_get_a_400_that_names_them(base_layers, query, names):
    response = get(f"/ogc/collections/kelurahan/items?{query}")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "InvalidParameterValue"
    assert names in error["description"]


def test_errors_speak_indonesian_by_default_and_english_when_asked(base_layers):
    indonesian = get("/ogc/collections/kelurahan/items?limit=0").json()["description"]
    english = get("/ogc/collections/kelurahan/items?limit=0", **{"accept-language": "en"})
    assert "bilangan bulat" in indonesian
    assert "whole number" in english.json()["description"]


def test_a_limit_above_the_maximum_is_capped(base_layers):
    page = get("/ogc/collections/kelurahan/items?limit=50000").json()
    assert page["numberReturned"] == 104
    assert "limit=10000" in href(page, "self")


def test_every_page_has_an_html_form_for_people(base_layers):
    client = Client()
    landing = client.get("/ogc/?f=html")
    assert landing["Content-Type"].startswith("text/html")
    assert 'href="/ogc/collections?f=html"' in landing.content.decode()
    listed = client.get("/ogc/collections", headers={"accept": "text/html,application/xhtml+xml"})
    assert "Batas Kelurahan Kota Tangerang" in listed.content.decode()
    page = client.get(f"/ogc/collections/kelurahan/items?f=html&limit=5&kode_kec={CIPONDOH}")
    body = page.content.decode()
    assert page.status_code == 200 and "Cipondoh" in body
    assert "kode_kec=36.71.05" in body and "f=html" in body
    one = client.get("/ogc/collections/kecamatan/items/1?f=html").content.decode()
    assert "36.71.01" in one
    assert client.get("/ogc/collections/kecamatan?f=html").status_code == 200
    alternate = get("/ogc/collections/kelurahan/items?limit=5").json()
    assert "f=html" in href(alternate, "alternate")
