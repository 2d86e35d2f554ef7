"""A layer's attributes as a table: names, types, statistics, roles, and the attribute table
written beside the GeoParquet file in the same order."""

import json

import pyarrow.parquet as pq

from satudata.engines.geo import ingest_layer, inspect_layer
from satudata.engines.tabular.model import FieldType, Role

from .conftest import KELURAHAN, feature, geojson, square


def test_the_kelurahan_attributes_are_typed_fields_with_statistics_and_roles(tmp_path, options):
    layer, table = tmp_path / "kelurahan.parquet", tmp_path / "kelurahan-table.parquet"
    result = ingest_layer(KELURAHAN, layer, table_target=table, options=options)
    assert result.ok and result.table_path == table and result.table_checksum
    by_name = {f.name: f for f in result.fields}
    kode = by_name["kode"]
    assert kode.type is FieldType.STRING and kode.role is Role.KODE_WILAYAH
    assert kode.distinct_count == 104 and kode.null_count == 0
    assert by_name["lat"].type is FieldType.NUMBER
    assert -6.3 < by_name["lat"].min < by_name["lat"].max < -6.0
    assert by_name["kode_kec"].distinct_count == 13
    assert "geom" not in by_name
    attributes = pq.read_table(table)
    shapes = pq.read_table(layer)
    assert attributes.column_names == [f.name for f in result.fields]
    by_fid = shapes.sort_by("fid")
    assert by_fid.column("fid").to_pylist() == list(range(1, 105))
    assert attributes.column("kode").to_pylist() == by_fid.column("kode").to_pylist()
    assert len(result.preview) == 20 and set(result.preview[0]) == set(by_name)


def test_headers_become_table_names_and_keep_their_titles(tmp_path, options):
    source = geojson(
        tmp_path / "posyandu.geojson",
        feature(square(106.6, -6.2), **{"Nama Posyandu": "Melati", "Jumlah Kader": 5}),
        feature(square(106.62, -6.2), **{"Nama Posyandu": "Mawar", "Jumlah Kader": None}),
    )
    seen = inspect_layer(source, options=options)
    assert [(f.name, f.title, f.type) for f in seen.fields] == [
        ("nama_posyandu", "Nama Posyandu", FieldType.STRING),
        ("jumlah_kader", "Jumlah Kader", FieldType.INTEGER),
    ]
    assert seen.fields[1].null_count == 1 and seen.fields[1].nullable
    result = ingest_layer(source, tmp_path / "v.parquet", options=options)
    assert pq.read_schema(tmp_path / "v.parquet").names == [
        "nama_posyandu",
        "jumlah_kader",
        "fid",
        "geom",
        "min_zoom",
        "bbox",
    ]
    assert result.table_path is None


def test_a_layer_without_attributes_numbers_its_features(tmp_path, options):
    source = geojson(tmp_path / "titik.geojson", feature(square(106.6, -6.2)))
    table = tmp_path / "table.parquet"
    result = ingest_layer(source, tmp_path / "v.parquet", table_target=table, options=options)
    assert [f.name for f in result.fields] == ["fitur"]
    assert pq.read_table(table).column("fitur").to_pylist() == [1]


def test_a_layer_with_errors_writes_neither_file(tmp_path, options):
    source = geojson(tmp_path / "luar.geojson", feature(square(10.0, 50.0), nama="Eropa"))
    layer, table = tmp_path / "v.parquet", tmp_path / "t.parquet"
    result = ingest_layer(source, layer, table_target=table, options=options)
    assert not result.ok and not layer.exists() and not table.exists()


def test_a_layer_exports_to_geojson_and_geopackage(tmp_path, options):
    from satudata.engines import duck
    from satudata.engines.geo.exports import export_layer
    from satudata.engines.geo.source import layer_names

    layer = tmp_path / "kelurahan.parquet"
    ingest_layer(KELURAHAN, layer, options=options)
    export_layer(layer, tmp_path / "k.geojson", "geojson", "kelurahan")
    written = json.loads((tmp_path / "k.geojson").read_text())
    assert len(written["features"]) == 104
    first = written["features"][0]
    assert first["properties"]["kode"] == "36.71.01.1001"
    assert not {"fid", "bbox", "min_zoom"} & set(first["properties"])
    x, y = first["geometry"]["coordinates"][0][0]
    assert 106.5 < x < 106.8 and -6.3 < y < -6.0
    export_layer(layer, tmp_path / "k.gpkg", "gpkg", "kelurahan")
    con = duck.connect(extensions=["spatial"])
    assert layer_names(con, tmp_path / "k.gpkg", "k.gpkg") == ["kelurahan"]
    con.close()
