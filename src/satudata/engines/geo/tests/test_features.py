"""Reading a layer version: pages of GeoJSON features with a box and attribute filters, one
feature by its id, and vector tiles, on the 104 real Kota Tangerang kelurahan."""

import itertools
import json
import math

import mapbox_vector_tile
import orjson
import pytest

from satudata.engines.geo import ingest_layer, layout
from satudata.engines.geo.features import (
    FeatureQuery,
    FeatureQueryError,
    attributes,
    feature,
    query_features,
    tile,
    tile_box,
)

from .conftest import KELURAHAN

CIKOKOL = (106.6240, -6.1900, 106.6300, -6.1800)


@pytest.fixture
def kelurahan(tmp_path, options):
    result = ingest_layer(KELURAHAN, tmp_path / "kelurahan.parquet", options=options)
    assert result.ok and result.path is not None
    return result.path


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def test_pages_cover_every_feature_once_and_ids_are_the_file_s_feature_numbers(kelurahan):
    pages = [query_features(kelurahan, FeatureQuery(limit=10, offset=k)) for k in range(0, 110, 10)]
    assert {page.matched for page in pages} == {104}
    assert [len(page.features) for page in pages] == [10] * 10 + [4, 0][: len(pages) - 10]
    ids = [f["id"] for page in pages for f in page.features]
    assert sorted(ids) == list(range(1, 105))
    source = json.loads(KELURAHAN.read_text())["features"]
    first = feature(kelurahan, 1)
    assert first is not None and first["geometry"]["type"] == "Polygon"
    assert first["properties"]["kode"] == source[0]["properties"]["kode"] == "36.71.01.1001"


def test_neighbours_are_stored_together(kelurahan):
    """The stored order follows the map: consecutive features are close to each other."""
    page = query_features(kelurahan, FeatureQuery(limit=104))
    centres = [
        (
            sum(x for x, _y in f["geometry"]["coordinates"][0])
            / len(f["geometry"]["coordinates"][0]),
            sum(y for _x, y in f["geometry"]["coordinates"][0])
            / len(f["geometry"]["coordinates"][0]),
        )
        for f in page.features
    ]
    steps = [math.dist(a, b) for a, b in itertools.pairwise(centres)]
    source = json.loads(KELURAHAN.read_text())["features"]
    by_number = [(float(f["properties"]["lng"]), float(f["properties"]["lat"])) for f in source]
    source_steps = [math.dist(a, b) for a, b in itertools.pairwise(by_number)]
    assert sum(steps) < sum(source_steps)


def test_a_box_and_an_attribute_filter_narrow_the_features(kelurahan):
    boxed = query_features(kelurahan, FeatureQuery(bbox=CIKOKOL, limit=200))
    assert 0 < boxed.matched < 104
    assert all(f["properties"]["kode"].startswith("36.71.") for f in boxed.features)
    named = query_features(kelurahan, FeatureQuery(properties={"kode_kec": "36.71.05"}, limit=50))
    cipondoh = [
        f
        for f in json.loads(KELURAHAN.read_text())["features"]
        if f["properties"]["kode_kec"] == "36.71.05"
    ]
    assert named.matched == len(cipondoh) == len(named.features) > 1
    assert {f["properties"]["nama_kec"] for f in named.features} == {"Cipondoh"}
    both = query_features(
        kelurahan, FeatureQuery(bbox=CIKOKOL, properties={"kode_kec": "36.71.05"})
    )
    assert both.matched <= min(boxed.matched, named.matched)


def test_one_feature_by_its_id(kelurahan):
    found = feature(kelurahan, 104)
    assert found is not None and found["id"] == 104
    assert feature(kelurahan, 105) is None and feature(kelurahan, 0) is None


def test_bad_queries_say_what_is_wrong(kelurahan):
    with pytest.raises(FeatureQueryError) as caught:
        query_features(kelurahan, FeatureQuery(properties={"password": "x"}))
    assert caught.value.code == "property.unknown" and caught.value.params == {"name": "password"}
    with pytest.raises(FeatureQueryError) as caught:
        query_features(kelurahan, FeatureQuery(bbox=(107.0, -6.0, 106.0, -7.0)))
    assert caught.value.code == "bbox.order"
    with pytest.raises(FeatureQueryError):
        tile(kelurahan, 3, 8, 0, "kelurahan", [])


def test_a_tile_holds_the_kelurahan_it_touches_with_the_chosen_attributes(kelurahan):
    assert ("nama", "VARCHAR") in attributes(kelurahan)
    x, y = tile_of(106.63, -6.17, 13)
    data = tile(kelurahan, 13, x, y, "kelurahan", ["kode", "nama"])
    decoded = mapbox_vector_tile.decode(data)
    features = decoded["kelurahan"]["features"]
    assert features
    assert set(features[0]["properties"]) == {"fid", "kode", "nama"}
    assert all(f["properties"]["kode"].startswith("36.71.") for f in features)
    assert tile(kelurahan, 13, 0, 0, "kelurahan", ["kode"]) == b""


def test_a_tile_keeps_inner_shapes_exact_and_cuts_the_ones_past_its_buffer(kelurahan):
    x, y = tile_of(106.63, -6.17, 14)
    data = tile(kelurahan, 14, x, y, "kelurahan", ["kode"])
    features = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})
    shapes = features["kelurahan"]["features"]
    assert shapes
    points = [
        point
        for shape in shapes
        for polygon in _polygons(shape["geometry"])
        for ring in polygon
        for point in ring
    ]
    assert all(-64 <= px <= 4160 and -64 <= py <= 4160 for px, py in points)
    assert any(px < 0 or px > 4096 for px, _py in points)


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def test_a_square_inside_a_tile_lands_on_its_tile_grid(tmp_path, options):
    z, (west, south, east, north) = 12, (106.640, -6.180, 106.645, -6.175)
    source = tmp_path / "kotak.geojson"
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [_square(ring, 1)]}))
    stored = ingest_layer(source, tmp_path / "kotak.parquet", options=options).path
    x, y = tile_of(west, north, z)
    decoded = mapbox_vector_tile.decode(
        tile(stored, z, x, y, "kotak", []), default_options={"y_coord_down": True}
    )
    (ring_out,) = decoded["kotak"]["features"][0]["geometry"]["coordinates"]

    def grid(lon: float, lat: float) -> tuple[float, float]:
        n = 2**z
        gx = ((lon + 180) / 360 * n - x) * 4096
        gy = ((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n - y) * 4096
        return gx, gy

    expected = {grid(lon, lat) for lon, lat in ring}
    assert len(ring_out) == 5
    for px, py in ring_out:
        assert min(abs(px - ex) + abs(py - ey) for ex, ey in expected) <= 2


def _square(ring: list, number: int, size: float = 1.0) -> dict:
    return {
        "type": "Feature",
        "properties": {"kode": f"K-{number:05d}", "ukuran": size},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_a_crowded_tile_draws_its_largest_features_and_finer_zooms_draw_the_rest(
    tmp_path, options, monkeypatch
):
    monkeypatch.setattr(layout, "TILE_FEATURES", 25)
    squares = []
    for number in range(400):
        west = 106.60 + (number % 20) * 0.002
        south = -6.20 + (number // 20) * 0.002
        side = 0.0015 if number % 40 == 0 else 0.0005
        ring = [
            [west, south],
            [west + side, south],
            [west + side, south + side],
            [west, south + side],
            [west, south],
        ]
        squares.append(_square(ring, number + 1, side))
    source = tmp_path / "persil.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": squares}))
    stored = ingest_layer(source, tmp_path / "persil.parquet", options=options).path

    def drawn(z: int) -> set[int]:
        x, y = tile_of(106.6201, -6.1799, z)
        decoded = mapbox_vector_tile.decode(tile(stored, z, x, y, "persil", ["ukuran"]))
        return {f["properties"]["fid"] for f in decoded["persil"]["features"]}

    overview = drawn(4)
    assert len(overview) == 25
    assert {n for n in range(1, 401, 40)} <= overview
    by_zoom = [drawn(z) for z in range(4, layout.FULL_DETAIL_ZOOM + 1)]
    assert all(len(fids) <= 25 for fids in by_zoom)
    x, y = tile_of(106.6201, -6.1799, layout.FULL_DETAIL_ZOOM)
    west, south, east, north = tile_box(layout.FULL_DETAIL_ZOOM, x, y, 64 / 4096)
    inside = query_features(stored, FeatureQuery(bbox=(west, south, east, north), limit=100))
    assert by_zoom[-1] == {f["id"] for f in inside.features}
    assert query_features(stored, FeatureQuery(limit=1)).matched == 400


def test_a_filtered_page_past_the_last_match_still_counts_the_matches(kelurahan):
    boxed = query_features(kelurahan, FeatureQuery(bbox=CIKOKOL, limit=200))
    beyond = query_features(kelurahan, FeatureQuery(bbox=CIKOKOL, limit=10, offset=500))
    assert beyond.features == [] and beyond.matched == boxed.matched > 0


def test_raw_geometries_serialise_to_the_same_geojson(kelurahan):
    parsed = query_features(kelurahan, FeatureQuery(bbox=CIKOKOL, limit=3))
    raw = query_features(kelurahan, FeatureQuery(bbox=CIKOKOL, limit=3, raw_geometry=True))
    assert orjson.loads(orjson.dumps(raw.features)) == parsed.features
