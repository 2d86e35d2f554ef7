"""What each process keeps of a layer version in memory: the pages of a small layer and the
table with an R-tree that box queries read. It answers as the file does, a rewritten file is
read again, and the least recently used tables make room for new ones."""

import pytest

from satudata.engines.geo import features, ingest_layer, resident
from satudata.engines.geo.features import FeatureQuery, query_features

from .conftest import KECAMATAN, KELURAHAN

CIKOKOL = (106.6240, -6.1900, 106.6300, -6.1800)


def ingest(source, target, options):
    result = ingest_layer(source, target, options=options)
    assert result.ok and result.path is not None
    return result.path


def page(path, **query):
    found = query_features(path, FeatureQuery(limit=200, **query))
    return found.matched, [(f["id"], f["geometry"], f["properties"]) for f in found.features]


def test_a_box_query_answers_from_the_table_as_from_the_file(tmp_path, options, monkeypatch):
    path = ingest(KELURAHAN, tmp_path / "kelurahan.parquet", options)
    queries = [
        {"bbox": CIKOKOL},
        {"bbox": CIKOKOL, "offset": 1},
        {"bbox": CIKOKOL, "properties": {"kode_kec": "36.71.01"}},
        {"bbox": (100.0, 10.0, 101.0, 11.0)},
    ]
    with monkeypatch.context() as patched:
        patched.setattr(resident, "KEPT_FEATURES", 0)
        from_file = [page(path, **query) for query in queries]
    assert from_file[0][0] > 1 and len(from_file[1][1]) == from_file[0][0] - 1
    assert from_file[3] == (0, [])
    assert [page(path, **query) for query in queries] == from_file
    assert any(key[0] == str(path) and name for key, (name, _n) in resident._TABLES.items())


def test_a_rewritten_file_is_read_again_not_the_kept_one(tmp_path, options):
    path = tmp_path / "layer.parquet"
    ingest(KELURAHAN, path, options)
    assert page(path)[0] == 104
    assert page(path, bbox=CIKOKOL)[0] > 0
    ingest(KECAMATAN, path, options)
    matched, found = page(path)
    assert matched == 13
    assert all("nama_kec" not in properties for _id, _g, properties in found)
    assert page(path, bbox=(106.0, -7.0, 107.0, -6.0))[0] == 13


def test_the_least_recently_used_table_makes_room(tmp_path, options, monkeypatch):
    monkeypatch.setattr(resident, "KEPT_FEATURES", 150)
    monkeypatch.setattr(resident, "_TABLES", type(resident._TABLES)())
    first = ingest(KELURAHAN, tmp_path / "first.parquet", options)
    second = ingest(KELURAHAN, tmp_path / "second.parquet", options)
    expected = page(first, bbox=CIKOKOL)
    assert [key[0] for key in resident._TABLES] == [str(first)]
    assert page(second, bbox=CIKOKOL) == expected
    assert [key[0] for key in resident._TABLES] == [str(second)]
    con = features._connect()
    try:
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    finally:
        con.close()
    assert resident._TABLES[next(iter(resident._TABLES))][0] in tables
    assert page(first, bbox=CIKOKOL) == expected


def test_a_small_layer_s_pages_match_a_read_of_the_file(tmp_path, options, monkeypatch):
    path = ingest(KELURAHAN, tmp_path / "kelurahan.parquet", options)
    kept = [page(path, offset=k) for k in (0, 50, 100, 104)]
    features._kept.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(features, "SMALL_FEATURES", 0)
        from_file = [page(path, offset=k) for k in (0, 50, 100, 104)]
    features._kept.cache_clear()
    assert kept == from_file
    assert [matched for matched, _found in kept] == [104] * 4
    assert [len(found) for _matched, found in kept] == [104, 54, 4, 0]


@pytest.mark.parametrize("raw", [True, False])
def test_kept_pages_give_each_caller_its_own_features(tmp_path, options, raw):
    path = ingest(KELURAHAN, tmp_path / "kelurahan.parquet", options)
    first = query_features(path, FeatureQuery(limit=1, raw_geometry=raw)).features[0]
    first["properties"]["nama"] = "diubah"
    again = query_features(path, FeatureQuery(limit=1, raw_geometry=raw)).features[0]
    assert again["properties"]["nama"] != "diubah"
