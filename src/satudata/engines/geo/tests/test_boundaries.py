"""Kota Tangerang's kecamatan as the union of its 104 kelurahan (`shared/data/boundaries`)."""

import duckdb
import pyarrow.parquet as pq

from satudata.engines import duck
from satudata.engines.geo.boundaries import dissolve

from .conftest import KECAMATAN, KELURAHAN

COLUMNS = {"kode_kec": "kode", "nama_kec": "nama", "kode_kab": "kode_kab", "nama_kab": "nama_kab"}


def test_the_13_kecamatan_are_the_union_of_their_kelurahan(tmp_path):
    target = tmp_path / "kecamatan.parquet"
    assert dissolve(KELURAHAN, target, "kode_kec", COLUMNS) == 13
    table = pq.read_table(target)
    assert table.column_names == [
        "kode",
        "nama",
        "kode_kab",
        "nama_kab",
        "fid",
        "geom",
        "min_zoom",
        "bbox",
    ]
    by_fid = table.sort_by("fid")
    assert by_fid.column("kode").to_pylist()[0] == "36.71.01"
    assert set(table.column("kode_kab").to_pylist()) == {"36.71"}
    con = duck.connect(extensions=["spatial"])
    rows = con.execute(
        f"SELECT k.kode, ST_NumInteriorRings(u.geom), ST_GeometryType(u.geom)::VARCHAR, "
        "ST_Area(ST_Intersection(u.geom, k.geom)) / ST_Area(k.geom) "
        f"FROM read_parquet('{target}') u JOIN ST_Read('{KECAMATAN}') k USING (kode)"
    ).fetchall()
    assert len(rows) == 13
    for kode, holes, kind, covered in rows:
        assert holes == 0, f"{kode} keeps slivers"
        assert kind == "POLYGON"
        assert covered > 0.85, f"{kode}: the coarse outline is mostly inside the union"


def test_holes_larger_than_slivers_stay(tmp_path):
    ring = "(106.60 -6.20, 106.70 -6.20, 106.70 -6.10, 106.60 -6.10, 106.60 -6.20)"
    hole = "(106.64 -6.16, 106.66 -6.16, 106.66 -6.14, 106.64 -6.14, 106.64 -6.16)"
    source = tmp_path / "parts.parquet"
    con = duckdb.connect()
    duck.load_extension(con, "spatial")
    con.execute(
        f"COPY (SELECT 'a' AS kode, ST_GeomFromText('POLYGON({ring}, {hole})') AS geom) "
        f"TO '{source}' (FORMAT parquet)"
    )
    target = tmp_path / "out.parquet"
    dissolve(source, target, "kode", {"kode": "kode"})
    holes = con.execute(
        f"SELECT ST_NumInteriorRings(geom) FROM read_parquet('{target}')"
    ).fetchone()
    assert holes == (1,)
