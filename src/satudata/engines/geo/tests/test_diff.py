"""Differences between two versions of a layer, matched on the kode wilayah of the real Kota
Tangerang kelurahan."""

import json
from pathlib import Path

from satudata.engines.geo import ingest_layer
from satudata.engines.geo.diff import diff_layers

from .conftest import KELURAHAN


def version(tmp_path: Path, options, name: str, features: list[dict]) -> Path:
    source = tmp_path / f"{name}.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    result = ingest_layer(source, tmp_path / f"{name}.parquet", options=options)
    assert result.ok and result.path is not None
    return result.path


def shifted(geometry: dict, dx: float) -> dict:
    rings = [[[x + dx, y] for x, y in ring] for ring in geometry["coordinates"]]
    return {**geometry, "coordinates": rings}


def test_added_removed_renamed_and_reshaped_kelurahan(tmp_path, options):
    features = json.loads(KELURAHAN.read_text())["features"]
    first = version(tmp_path, options, "v1", features)
    edited = [dict(f, properties=dict(f["properties"])) for f in features[1:]]
    edited[0]["properties"]["nama"] = "Nama Baru"
    edited[1]["geometry"] = shifted(edited[1]["geometry"], 0.0005)
    new = {
        "type": "Feature",
        "properties": {**features[0]["properties"], "kode": "36.71.99.9999", "nama": "Pemekaran"},
        "geometry": features[0]["geometry"],
    }
    second = version(tmp_path, options, "v2", [*edited, new])
    found = diff_layers(first, second)
    assert found.key == "kode"
    assert (found.added, found.removed, found.changed, found.reshaped) == (1, 1, 2, 1)
    by_key = {c.key: c for c in found.samples}
    assert by_key["36.71.99.9999"].kind == "added"
    assert by_key[features[0]["properties"]["kode"]].kind == "removed"
    renamed = by_key[features[1]["properties"]["kode"]]
    assert renamed.kind == "changed" and renamed.columns == ("nama",) and not renamed.shape
    moved = by_key[features[2]["properties"]["kode"]]
    assert moved.shape and moved.columns == ()


def test_the_same_layer_has_no_differences(tmp_path, options):
    features = json.loads(KELURAHAN.read_text())["features"]
    first = version(tmp_path, options, "v1", features)
    second = version(tmp_path, options, "v2", list(reversed(features)))
    found = diff_layers(first, second)
    assert (found.added, found.removed, found.changed) == (0, 0, 0) and found.samples == []


def test_without_a_key_features_are_compared_whole(tmp_path, options):
    square = {
        "type": "Polygon",
        "coordinates": [[[106.6, -6.2], [106.61, -6.2], [106.61, -6.19], [106.6, -6.2]]],
    }
    first = version(
        tmp_path,
        options,
        "v1",
        [{"type": "Feature", "properties": {"nama": "a"}, "geometry": square}],
    )
    second = version(
        tmp_path,
        options,
        "v2",
        [
            {"type": "Feature", "properties": {"nama": "a"}, "geometry": square},
            {"type": "Feature", "properties": {"nama": "b"}, "geometry": square},
        ],
    )
    found = diff_layers(first, second)
    assert found.key is None and (found.added, found.removed) == (1, 0)
