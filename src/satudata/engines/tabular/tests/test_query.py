import csv
import datetime as dt
import io
import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from satudata.engines.tabular.model import Field, FieldType, Role
from satudata.engines.tabular.query import (
    Agg,
    Aggregate,
    Filter,
    Op,
    QueryError,
    QuerySpec,
    QueryTimeout,
    Sort,
)
from satudata.engines.tabular.query_engine import QueryEngine, cluster_column, deadline

FIELDS = [
    Field("kecamatan", "Kecamatan", FieldType.STRING),
    Field("jumlah", "Jumlah", FieldType.INTEGER),
    Field("luas", "Luas (ha)", FieldType.NUMBER),
    Field("tanggal", "Tanggal", FieldType.DATE),
    Field("aktif", "Aktif", FieldType.BOOLEAN),
]
ROWS = {
    "kecamatan": ["Ciledug", "Tangerang", "Ciledug", "Cipondoh", None, "=cmd|' /C calc'!A0"],
    "jumlah": [10, 20, 30, 40, 50, 60],
    "luas": [1.5, 2.5, None, 4.0, 5.5, 6.0],
    "tanggal": [dt.date(2024, m, 1) for m in range(1, 7)],
    "aktif": [True, False, True, True, False, None],
}


@pytest.fixture
def version(tmp_path: Path) -> Path:
    path = tmp_path / "v.parquet"
    pq.write_table(pa.table(ROWS), path)
    return path


@pytest.fixture
def engine(tmp_path: Path) -> QueryEngine:
    return QueryEngine(threads=1, memory_limit="256MB", temp_dir=tmp_path / "tmp", cache_size=8)


def run(engine: QueryEngine, version: Path, **spec) -> list[tuple]:
    return engine.run(version, FIELDS, QuerySpec(**spec)).rows


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter("kecamatan", Op.EQ, "Ciledug"), [10, 30]),
        (Filter("kecamatan", Op.NE, "Ciledug"), [20, 40, 50, 60]),
        (Filter("jumlah", Op.LT, "30"), [10, 20]),
        (Filter("jumlah", Op.GT, "30"), [40, 50, 60]),
        (Filter("luas", Op.BETWEEN, ("2,5", "5.5")), [20, 40, 50]),
        (Filter("tanggal", Op.BETWEEN, ("2024-02-01", "2024-03-01")), [20, 30]),
        (Filter("kecamatan", Op.CONTAINS, "CIL"), [10, 30]),
        (Filter("jumlah", Op.CONTAINS, "0"), [10, 20, 30, 40, 50, 60]),
        (Filter("kecamatan", Op.IN, ("Tangerang", "Cipondoh")), [20, 40]),
        (Filter("luas", Op.EMPTY), [30]),
        (Filter("kecamatan", Op.NOT_EMPTY), [10, 20, 30, 40, 60]),
        (Filter("aktif", Op.EQ, "ya"), [10, 30, 40]),
    ],
)
def test_each_operator(engine, version, flt, expected):
    rows = run(engine, version, filters=(flt,))
    assert [r[1] for r in rows] == expected


def test_sort_paging_and_total(engine, version):
    result = engine.run(
        version, FIELDS, QuerySpec(sort=(Sort("jumlah", descending=True),), page=2, per_page=4)
    )
    assert [r[1] for r in result.rows] == [20, 10]
    assert result.total == 6
    assert result.pages == 2
    assert not result.has_next
    assert result.records()[0]["kecamatan"] == "Tangerang"


def test_group_by_with_aggregates(engine, version):
    result = engine.run(
        version,
        FIELDS,
        QuerySpec(
            filters=(Filter("kecamatan", Op.NOT_EMPTY),),
            group_by=("kecamatan",),
            aggregates=(Aggregate(Agg.SUM, "jumlah"), Aggregate(Agg.MEAN, "luas")),
            sort=(Sort("sum_jumlah", descending=True),),
        ),
    )
    assert [c.name for c in result.columns] == ["kecamatan", "sum_jumlah", "mean_luas"]
    assert result.rows[1] == ("Ciledug", 40, 1.5)
    assert result.total == 4
    counted = engine.run(version, FIELDS, QuerySpec(group_by=("aktif",), per_page=1, page=2))
    assert counted.total == 3
    assert [c.name for c in counted.columns] == ["aktif", "count"]


def test_empty_later_page_still_counts(engine, version):
    result = engine.run(version, FIELDS, QuerySpec(group_by=("aktif",), page=9, per_page=5))
    assert result.rows == []
    assert result.total == 3


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (QuerySpec(filters=(Filter("nik", Op.EQ, "1"),)), ["nik"]),
        (QuerySpec(filters=(Filter("jumlah", Op.EQ, "sepuluh"),)), ["sepuluh", "jumlah"]),
        (QuerySpec(filters=(Filter("tanggal", Op.GT, "17/08/2024"),)), ["17/08/2024"]),
        (QuerySpec(filters=(Filter("aktif", Op.LT, "ya"),)), ["lt", "aktif"]),
        (QuerySpec(filters=(Filter("luas", Op.BETWEEN, ("1",)),)), ["between", "luas"]),
        (QuerySpec(filters=(Filter("luas", Op.EQ, " "),)), ["eq", "luas"]),
        (QuerySpec(group_by=("kecamatan",), aggregates=(Aggregate(Agg.SUM, "kecamatan"),)), []),
        (QuerySpec(aggregates=(Aggregate(Agg.COUNT),)), []),
        (QuerySpec(sort=(Sort("count"),)), ["count"]),
        (QuerySpec(per_page=100_000), []),
    ],
)
def test_bad_specs_say_what_is_wrong(engine, version, spec, words):
    with pytest.raises(QueryError) as caught:
        engine.run(version, FIELDS, spec)
    text = caught.value.text()
    for word in words:
        assert word in text


def test_values_are_bound_never_spliced(engine, version):
    hostile = "x' OR 1=1; DROP TABLE src; --"
    assert run(engine, version, filters=(Filter("kecamatan", Op.EQ, hostile),)) == []
    assert run(engine, version, filters=(Filter("kecamatan", Op.CONTAINS, "' OR '"),)) == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    op=st.sampled_from([Op.EQ, Op.NE, Op.LT, Op.GT, Op.CONTAINS, Op.IN]),
    value=st.text(min_size=1, max_size=12),
)
def test_any_text_filter_either_runs_or_explains(engine, version, op, value):
    flt = Filter("kecamatan", op, (value,) if op is Op.IN else value)
    try:
        rows = run(engine, version, filters=(flt,))
    except QueryError as exc:
        assert "kecamatan" in exc.text()
        return
    names = [n for n in ROWS["kecamatan"] if n is not None]
    if op is Op.EQ:
        assert [r[0] for r in rows] == [n for n in names if n == value]
    elif op is Op.CONTAINS:
        assert [r[0] for r in rows] == [n for n in names if value.lower() in n.lower()]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(low=st.integers(-100, 100), high=st.integers(-100, 100))
def test_between_matches_python(engine, version, low, high):
    rows = run(engine, version, filters=(Filter("jumlah", Op.BETWEEN, (str(low), str(high))),))
    assert [r[1] for r in rows] == [n for n in ROWS["jumlah"] if low <= n <= high]


def test_identical_queries_are_served_from_the_cache(engine, version):
    spec = QuerySpec(filters=(Filter("jumlah", Op.GT, "15"),))
    first = engine.run(version, FIELDS, spec)
    second = engine.run(version, FIELDS, spec)
    assert not first.cached
    assert second.cached
    assert second.rows == first.rows


def test_each_thread_gets_its_own_cursor(engine, version):
    seen = []

    def work() -> None:
        seen.append(id(engine.cursor()))
        run(engine, version, filters=(Filter("jumlah", Op.GT, "1"),), per_page=2)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 3


def test_a_long_query_is_interrupted(engine):
    cursor = engine.cursor()
    with pytest.raises(QueryTimeout) as caught, deadline(cursor, 0.2):
        cursor.execute("SELECT count(*) FROM range(10000000000) a, range(100) b").fetchall()
    assert "0.2" in caught.value.text()
    assert cursor.execute("SELECT 42").fetchone() == (42,)


def _bytes(engine, version, spec, fmt) -> bytes:
    return b"".join(engine.stream(version, FIELDS, spec, fmt))


def test_csv_export_is_filtered_and_guards_formulas(engine, version):
    spec = QuerySpec(filters=(Filter("jumlah", Op.GT, "25"),), sort=(Sort("jumlah", True),))
    raw = _bytes(engine, version, spec, "csv")
    assert raw.count(b"\r\n") == 5
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert [r["jumlah"] for r in rows] == ["60", "50", "40", "30"]
    assert rows[0]["kecamatan"].startswith("'=")
    assert rows[1]["kecamatan"] == ""


def test_csv_export_of_nothing_has_the_header(engine, version):
    raw = _bytes(engine, version, QuerySpec(filters=(Filter("jumlah", Op.GT, "999"),)), "csv")
    assert raw.decode().strip() == '"kecamatan","jumlah","luas","tanggal","aktif"'


def test_json_export_is_an_array_of_objects(engine, version):
    spec = QuerySpec(group_by=("aktif",), aggregates=(Aggregate(Agg.MAX, "tanggal"),))
    data = json.loads(_bytes(engine, version, spec, "json"))
    assert data == [
        {"aktif": False, "max_tanggal": "2024-05-01"},
        {"aktif": True, "max_tanggal": "2024-04-01"},
        {"aktif": None, "max_tanggal": "2024-06-01"},
    ]
    empty = _bytes(engine, version, QuerySpec(filters=(Filter("jumlah", Op.LT, "0"),)), "json")
    assert json.loads(empty) == []


def test_xlsx_and_parquet_exports(engine, version, tmp_path):
    spec = QuerySpec(filters=(Filter("kecamatan", Op.CONTAINS, "cmd"),))
    book = openpyxl.load_workbook(io.BytesIO(_bytes(engine, version, spec, "xlsx")))
    sheet = book.active
    assert sheet["A2"].value.startswith("'=")
    assert sheet.max_row == 2
    table = pq.read_table(io.BytesIO(_bytes(engine, version, QuerySpec(), "parquet")))
    assert table.num_rows == 6
    assert table.column_names == [f.name for f in FIELDS]
    assert not list((tmp_path / "tmp").glob(".export.*"))


def test_export_checks_the_spec_before_streaming(engine, version):
    with pytest.raises(QueryError):
        engine.stream(version, FIELDS, QuerySpec(filters=(Filter("x", Op.EMPTY),)), "csv")


def test_versions_are_copied_once_into_duckdb_and_read_from_there(version, tmp_path):
    engine = QueryEngine(threads=1, temp_dir=tmp_path / "tmp", cache_dir=tmp_path / "copies")
    spec = QuerySpec(filters=(Filter("jumlah", Op.GT, "25"),), sort=(Sort("luas", True),))
    before = engine.run(version, FIELDS, spec)
    assert engine.source(version).startswith("read_parquet(")
    end = time.time() + 20
    while not list((tmp_path / "copies").glob("*.duckdb")) and time.time() < end:
        time.sleep(0.05)
    assert engine.source(version).endswith(".data")
    after = engine.run(version, FIELDS, replace(spec, per_page=49))
    assert after.rows == before.rows
    assert after.total == before.total == 4


def test_copies_are_stored_by_area_but_unsorted_results_keep_the_file_order(tmp_path):
    fields = [
        Field("kode_wilayah", "Kode", FieldType.STRING, Role.KODE_WILAYAH),
        Field("jumlah", "Jumlah", FieldType.INTEGER),
    ]
    codes = ["36.71.03", "36.71.01", "36.71.02", "36.71.01", "36.71.03"]
    path = tmp_path / "v.parquet"
    pq.write_table(pa.table({"kode_wilayah": codes, "jumlah": [1, 2, 3, 4, 5]}), path)
    engine = QueryEngine(threads=1, temp_dir=tmp_path / "tmp", cache_dir=tmp_path / "copies")
    engine.run(path, fields, QuerySpec())
    end = time.time() + 20
    while not list((tmp_path / "copies").glob("*.duckdb")) and time.time() < end:
        time.sleep(0.05)
    source = engine.source(path, fields)
    assert source.endswith(".data")
    stored = engine.cursor().execute(f"SELECT kode_wilayah FROM {source}").fetchall()
    assert [row[0] for row in stored] == sorted(codes)
    assert [row[1] for row in engine.run(path, fields, QuerySpec(per_page=49)).rows] == [
        1,
        2,
        3,
        4,
        5,
    ]
    area = QuerySpec(filters=(Filter("kode_wilayah", Op.EQ, "36.71.01"),))
    assert [row[1] for row in engine.run(path, fields, area).rows] == [2, 4]


def test_the_copy_order_is_the_area_code_then_the_first_date():
    area = Field("kode", "Kode", FieldType.STRING, Role.KODE_WILAYAH)
    day = Field("tanggal", "Tanggal", FieldType.DATE)
    assert cluster_column([day, area]) == "kode"
    assert cluster_column([Field("x", "X", FieldType.STRING), day]) == "tanggal"
    assert cluster_column([Field("x", "X", FieldType.STRING)]) is None
