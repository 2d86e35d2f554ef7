"""Catalogue layers on the OGC services: a published layer dataset is a collection with its
features and tiles; a terbatas or tertutup layer stays missing for those who may not see it
(collections, items, single items, tilesets and tiles), and tertutup reads are audited."""

import json

import pytest
from django.test import Client

from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import KECAMATAN, KELURAHAN
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_layer_version, publish

pytestmark = pytest.mark.django_db

# The tile of zoom 12 over the middle of Kota Tangerang (106.63, -6.18).
TILE = "12/2118/3261"


@pytest.fixture
def crew():
    return people()


def layer(crew, access_level: str, source=KELURAHAN, **extra):
    dataset = make_dataset(crew["org"], access_level=access_level, published=False, **extra)
    return publish(dataset, make_layer_version(dataset, source))


def collection_ids(client: Client) -> set[str]:
    return {c["id"] for c in client.get("/ogc/collections").json()["collections"]}


def routes(slug: str) -> list[str]:
    base = f"/ogc/collections/{slug}"
    return [
        base,
        f"{base}/items",
        f"{base}/items/1",
        f"{base}/tiles",
        f"{base}/tiles/WebMercatorQuad",
        f"{base}/tiles/WebMercatorQuad/{TILE}",
    ]


def test_a_published_terbuka_layer_is_a_collection_with_features_and_tiles(crew):
    dataset = layer(crew, "terbuka", title="Batas Kelurahan Dinkes")
    client = Client()
    assert dataset.slug in collection_ids(client)
    described = client.get(f"/ogc/collections/{dataset.slug}").json()
    assert described["title"] == "Batas Kelurahan Dinkes"
    pages = {link["rel"]: link["href"] for link in described["links"]}
    assert pages["describedby"] == f"http://testserver/dataset/{dataset.slug}/"
    items = client.get(f"/ogc/collections/{dataset.slug}/items?kode_kec=36.71.05&limit=50").json()
    assert items["numberMatched"] == 10
    assert {f["properties"]["kode_kec"] for f in items["features"]} == {"36.71.05"}
    tile = client.get(f"/ogc/collections/{dataset.slug}/tiles/WebMercatorQuad/{TILE}")
    assert tile.status_code == 200 and tile["Cache-Control"].startswith("public")


def test_a_draft_layer_is_not_served_even_to_its_producer(crew):
    dataset = make_dataset(crew["org"], published=False)
    make_layer_version(dataset, KECAMATAN)
    assert dataset.slug not in collection_ids(signed_in(crew["produsen"]))
    assert Client().get(f"/ogc/collections/{dataset.slug}/items").status_code == 404


@pytest.mark.parametrize("level", ["terbatas", "tertutup"])
def test_a_restricted_layer_answers_as_missing_to_those_who_may_not_see_it(crew, level):
    dataset = layer(crew, level, source=KECAMATAN)
    others = [signed_in(crew["stranger"]), signed_in(crew["partner"])]
    outsiders = [Client(), *others] if level == "tertutup" else [Client()]
    if level == "terbatas":
        assert all(dataset.slug in collection_ids(client) for client in others)
    for client in outsiders:
        assert dataset.slug not in collection_ids(client)
        for url in routes(dataset.slug):
            missing = client.get(url.replace(dataset.slug, "tidak-ada-sama-sekali"))
            answer = client.get(url)
            assert answer.status_code == missing.status_code == 404, url
            assert dataset.title not in answer.content.decode()
    owner = signed_in(crew["produsen"])
    assert dataset.slug in collection_ids(owner)
    assert owner.get(f"/ogc/collections/{dataset.slug}/items").json()["numberMatched"] == 13
    tile = owner.get(f"/ogc/collections/{dataset.slug}/tiles/WebMercatorQuad/{TILE}")
    assert tile.status_code == 200 and tile["Cache-Control"].startswith("private")


def test_reads_of_a_tertutup_layer_are_audited(crew):
    dataset = layer(crew, "tertutup", source=KECAMATAN)
    owner = signed_in(crew["walidata"])
    before = AuditEntry.objects.filter(action="dataset.read").count()
    owner.get(f"/ogc/collections/{dataset.slug}/items")
    owner.get(f"/ogc/collections/{dataset.slug}/items/1")
    owner.get(f"/ogc/collections/{dataset.slug}/tiles/WebMercatorQuad/{TILE}")
    entries = AuditEntry.objects.filter(action="dataset.read").order_by("id")[before:]
    assert [e.detail["what"] for e in entries] == ["features", "feature", "tile"]
    assert all(e.detail["via"] == "ogc" for e in entries)


# The same tile as TILE, in the portal map's order (z/x/y).
MAP_TILE = "12/3261/2118.mvt"


def test_the_portal_map_tiles_of_a_version_follow_the_version_s_access(crew):
    dataset = make_dataset(crew["org"], published=False)
    make_layer_version(dataset, KECAMATAN)
    url = f"/peta/{dataset.slug}/1/{MAP_TILE}"
    assert Client().get(url).status_code == 404
    assert signed_in(crew["stranger"]).get(url).status_code == 404
    answer = signed_in(crew["produsen"]).get(url)
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("private")
    assert answer["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert Client().get(f"/peta/{dataset.slug}/1/30/0/0.mvt").status_code == 404


def test_the_map_tiles_of_a_table_version_are_missing(crew):
    dataset = make_dataset(crew["org"])
    assert Client().get(f"/peta/{dataset.slug}/1/{MAP_TILE}").status_code == 404


def test_a_layer_downloads_as_geojson_and_geopackage_and_a_table_does_not(crew):
    dataset = layer(crew, "terbuka", source=KECAMATAN)
    client = Client()
    answer = client.get(f"/dataset/{dataset.slug}/versi/1/unduh.geojson")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/geo+json"
    written = json.loads(b"".join(answer.streaming_content))
    assert len(written["features"]) == 13 and "kode" in written["features"][0]["properties"]
    package = client.get(f"/dataset/{dataset.slug}/versi/1/unduh.gpkg")
    assert (
        package.status_code == 200
        and b"".join(package.streaming_content)[:15] == b"SQLite format 3"
    )
    page = client.get(f"/dataset/{dataset.slug}/").content.decode()
    assert (
        f"/dataset/{dataset.slug}/versi/1/unduh.geojson" in page and 'data-map="map-config-' in page
    )
    table = make_dataset(crew["org"])
    assert client.get(f"/dataset/{table.slug}/versi/1/unduh.geojson").status_code == 404
    assert "unduh.geojson" not in client.get(f"/dataset/{table.slug}/").content.decode()


def test_a_new_published_version_is_served_not_what_the_workers_kept_of_the_old(crew):
    """Each process keeps the pages and the box index of the versions it has served; a newly
    published version is a new file, so its features are served at once, and a layer made
    tertutup stays missing however much of it was kept."""
    dataset = layer(crew, "terbuka")
    client = Client()
    box = "bbox=106.55,-6.30,106.80,-6.05"
    assert client.get(f"/ogc/collections/{dataset.slug}/items").json()["numberMatched"] == 104
    assert client.get(f"/ogc/collections/{dataset.slug}/items?{box}").json()["numberMatched"] == 104
    publish(dataset, make_layer_version(dataset, KECAMATAN))
    items = client.get(f"/ogc/collections/{dataset.slug}/items?limit=50").json()
    assert items["numberMatched"] == 13 and len(items["features"]) == 13
    assert client.get(f"/ogc/collections/{dataset.slug}/items?{box}").json()["numberMatched"] == 13
    dataset.access_level = "tertutup"
    dataset.save()
    for route in (f"/items?{box}", "/items", "/items/1"):
        assert client.get(f"/ogc/collections/{dataset.slug}{route}").status_code == 404
