"""OGC API – Tiles on the base layers: the tileset description and Mapbox vector tiles, drawn
once per layer version and kept on disk under its checksum."""

import math

import mapbox_vector_tile
import pytest
from django.test import Client

from satudata.apps.geo import tiles
from satudata.platform import storage

pytestmark = pytest.mark.django_db

ZOOM = 13


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def test_the_collection_links_to_its_tileset_and_its_tile_template(base_layers):
    client = Client()
    collection = client.get("/ogc/collections/kelurahan").json()
    rel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
    assert any(link["rel"] == rel for link in collection["links"])
    listed = client.get("/ogc/collections/kelurahan/tiles").json()["tilesets"]
    template = next(link for link in listed[0]["links"] if link["rel"] == "item")["href"]
    assert template.endswith(
        "/ogc/collections/kelurahan/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}"
    )
    assert listed[0]["tileMatrixSetURI"].endswith("/WebMercatorQuad")


def test_a_tile_over_the_city_holds_its_kelurahan_and_is_kept(base_layers):
    x, y = tile_of(106.63, -6.17, ZOOM)
    response = Client().get(f"/ogc/collections/kelurahan/tiles/WebMercatorQuad/{ZOOM}/{y}/{x}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    decoded = mapbox_vector_tile.decode(response.content)
    features = decoded["kelurahan"]["features"]
    assert features and all(f["properties"]["kode"].startswith("36.71.") for f in features)
    layer = base_layers["kelurahan"]
    kept = storage.files_root() / "tiles" / layer.checksum / str(ZOOM) / str(x) / f"{y}.mvt"
    assert kept.read_bytes() == response.content
    kept.write_bytes(b"kept")
    assert (
        tiles.layer_tile(layer.parquet_path, layer.checksum, "kelurahan", ["kode"], ZOOM, x, y)
        == b"kept"
    )


def test_tiles_without_features_are_empty_and_tiles_outside_the_matrix_are_missing(base_layers):
    client = Client()
    assert client.get("/ogc/collections/kelurahan/tiles/WebMercatorQuad/5/0/0").status_code == 204
    missing = client.get("/ogc/collections/kelurahan/tiles/WebMercatorQuad/2/9/9")
    assert missing.status_code == 404 and missing.json()["code"] == "InvalidParameterValue"
    assert client.get("/ogc/collections/kelurahan/tiles/WebMercatorQuad/30/0/0").status_code == 404
