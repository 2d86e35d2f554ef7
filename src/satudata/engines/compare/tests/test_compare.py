from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from satudata.engines.compare import (
    CompareError,
    Options,
    PeriodGrain,
    Side,
    Tolerance,
    WilayahLevel,
    compare,
)


def parquet(tmp_path: Path, name: str, columns: dict[str, Any]) -> Path:
    path = tmp_path / f"{name}.parquet"
    table = columns if isinstance(columns, pa.Table) else pa.table(columns)
    pq.write_table(table, path)
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Side, Side]:
    a = parquet(
        tmp_path,
        "a",
        {
            "kode": ["36.71.01", "36.71.01", "36.71.02", "36.71.03"],
            "sex": ["L", "P", "L", "L"],
            "jumlah": [60, 40, 200, 50],
        },
    )
    b = parquet(
        tmp_path,
        "b",
        {"kode_wilayah": ["36.71.01", "36.71.02", "36.71.04"], "penduduk": [100, 210, 7]},
    )
    return Side(a, "jumlah", "kode"), Side(b, "penduduk", "kode_wilayah")


def test_aggregates_per_wilayah_and_reports_one_sided_keys(pair):
    outcome = compare(*pair, Tolerance())
    assert (outcome.matched, outcome.disagreements) == (2, 1)
    assert (outcome.only_in_a, outcome.only_in_b) == (1, 1)
    [row] = outcome.rows
    assert (row.wilayah, row.value_a, row.value_b, row.difference) == ("36.71.02", 200, 210, 10)
    assert row.relative == pytest.approx(0.05)
    assert [r.wilayah for r in outcome.only_a_rows] == ["36.71.03"]
    assert [(r.wilayah, r.value_b, r.value_a) for r in outcome.only_b_rows] == [
        ("36.71.04", 7, None)
    ]
    assert outcome.max_relative == pytest.approx(0.05)
    assert outcome.a.rows == 4 and outcome.a.keys == 3 and outcome.b.keys == 3
    assert not outcome.consistent


def test_filter_keeps_matching_rows_only(pair):
    a, b = pair
    filtered = Side(a.path, a.value, a.wilayah, filter_column="sex", filter_value=" l ")
    outcome = compare(filtered, b, Tolerance())
    assert outcome.a.rows_kept == 3
    values = {r.wilayah: r.value_a for r in outcome.rows}
    assert values["36.71.01"] == 60


@pytest.mark.parametrize(
    ("tolerance", "disagree"),
    [
        (Tolerance(absolute=10), 0),  # exactly at the tolerance agrees
        (Tolerance(absolute=9.99), 1),
        (Tolerance(percent=5), 0),
        (Tolerance(percent=4.9), 1),
        (Tolerance(absolute=5, percent=5), 0),  # within one tolerance is enough
        (Tolerance(absolute=5, percent=4), 1),
    ],
)
def test_tolerance_edges(pair, tolerance, disagree):
    assert compare(*pair, tolerance).disagreements == disagree


def test_negative_tolerance_is_refused(pair):
    with pytest.raises(CompareError, match="negative"):
        compare(*pair, Tolerance(percent=-1))


def test_zero_reference_value(tmp_path):
    a = parquet(tmp_path, "a", {"w": ["1", "2"], "v": [0, 0]})
    b = parquet(tmp_path, "b", {"w": ["1", "2"], "v": [0, 3]})
    outcome = compare(Side(a, "v", "w"), Side(b, "v", "w"), Tolerance(percent=50))
    assert outcome.disagreements == 1
    [row] = outcome.rows
    assert row.wilayah == "2" and row.relative is None
    assert outcome.max_relative == 0


def test_year_and_date_periods_match(tmp_path):
    a = parquet(tmp_path, "a", {"w": ["36.71.01"] * 3, "tahun": [2023, 2024, 2024], "v": [1, 2, 3]})
    b = parquet(
        tmp_path,
        "b",
        {
            "w": ["36.71.01"] * 3,
            "tanggal": [date(2023, 6, 30), date(2024, 1, 1), date(2025, 12, 31)],
            "v": [1.0, 5.0, 9.0],
        },
    )
    outcome = compare(Side(a, "v", "w", "tahun"), Side(b, "v", "w", "tanggal"), Tolerance())
    assert (outcome.matched, outcome.disagreements, outcome.only_in_b) == (2, 0, 1)
    assert outcome.only_b_rows[0].period == "2025"


def test_month_grain(tmp_path):
    a = parquet(
        tmp_path, "a", {"w": ["1", "1"], "d": [date(2024, 1, 5), date(2024, 2, 5)], "v": [1, 2]}
    )
    outcome = compare(
        Side(a, "v", "w", "d"),
        Side(a, "v", "w", "d"),
        Tolerance(),
        Options(grain=PeriodGrain.MONTH),
    )
    assert outcome.matched == 2 and outcome.consistent


def test_period_on_one_side_only_is_refused(pair):
    a, b = pair
    with pytest.raises(CompareError, match="both sides"):
        compare(Side(a.path, a.value, a.wilayah, period="sex"), b, Tolerance())


def test_wilayah_level_cuts_kelurahan_codes(tmp_path):
    a = parquet(
        tmp_path,
        "a",
        {"kode": ["36.71.01.1001", "36.71.01.1002", "36.71", None], "v": [10, 20, 999, 5]},
    )
    b = parquet(tmp_path, "b", {"kode": ["36.71.01"], "v": [30]})
    outcome = compare(
        Side(a, "v", "kode"),
        Side(b, "v", "kode"),
        Tolerance(),
        Options(level=WilayahLevel.KECAMATAN),
    )
    assert (outcome.matched, outcome.disagreements, outcome.only_in_a) == (1, 0, 0)
    assert outcome.a.missing_keys == 2  # the city total and the empty code


def test_nulls_are_counted_and_skipped(tmp_path):
    a = parquet(
        tmp_path,
        "a",
        {"w": ["1", "1", None, "2", " "], "v": pa.array([5, None, 3, None, 1], pa.int64())},
    )
    b = parquet(tmp_path, "b", {"w": ["1", "2"], "v": [5, 1]})
    outcome = compare(Side(a, "v", "w"), Side(b, "v", "w"), Tolerance())
    assert outcome.a.missing_keys == 2
    assert outcome.a.missing_values == 2
    assert (outcome.matched, outcome.only_in_b) == (1, 1)


@pytest.mark.parametrize(
    ("side", "message"),
    [
        ({"value": "nama"}, "not numbers"),
        ({"value": "hilang"}, "is not in the data"),
        ({"wilayah": "tanggal"}, "kode wilayah"),
        ({"period": "nama"}, None),
        ({"period": "ok"}, "period column"),
    ],
)
def test_type_mismatches_speak_plainly(tmp_path, side, message):
    path = parquet(
        tmp_path,
        "a",
        {
            "w": ["36.71.01"],
            "nama": ["Ciledug"],
            "v": [1],
            "tanggal": [date(2024, 1, 1)],
            "ok": [True],
        },
    )
    spec = {"value": "v", "wilayah": "w", "period": None, **side}
    other = {**spec, "value": "v", "wilayah": "w"} if "period" not in side else spec
    if message is None:
        outcome = compare(Side(path, **spec), Side(path, **other), Tolerance())
        assert outcome.consistent
        return
    with pytest.raises(CompareError, match=message) as caught:
        compare(Side(path, **spec), Side(path, **other), Tolerance())
    assert "“" in caught.value.text() or "column" in caught.value.text()


def test_missing_file_is_a_compare_error(tmp_path, pair):
    with pytest.raises(CompareError, match="missing"):
        compare(Side(tmp_path / "none.parquet", "v", "w"), pair[1], Tolerance())


def test_cap_and_order_of_disagreements(tmp_path):
    codes = [f"36.71.{i:02d}" for i in range(1, 21)]
    a = parquet(tmp_path, "a", {"w": codes, "v": [100] * 20})
    b = parquet(tmp_path, "b", {"w": codes, "v": [100 + i for i in range(1, 21)]})
    outcome = compare(Side(a, "v", "w"), Side(b, "v", "w"), Tolerance(), Options(max_rows=5))
    assert outcome.disagreements == 20
    assert [r.wilayah for r in outcome.rows] == codes[::-1][:5]


def test_a_million_rows(tmp_path):
    n = 1_000_000
    kelurahan = [f"36.71.{k:02d}.{1000 + d}" for k in range(1, 14) for d in range(1, 9)]
    codes = pa.array([kelurahan[i % len(kelurahan)] for i in range(n)])
    years = pa.array([2020 + (i % 5) for i in range(n)], pa.int32())
    a = parquet(tmp_path, "a", pa.table({"w": codes, "t": years, "v": pa.array([1] * n)}))
    b = parquet(
        tmp_path,
        "b",
        pa.table({"w": codes, "t": years, "v": pa.array([1.0] * (n - 1) + [2.0])}),
    )
    outcome = compare(
        Side(a, "v", "w", "t"),
        Side(b, "v", "w", "t"),
        Tolerance(absolute=0.5),
        Options(level=WilayahLevel.KECAMATAN),
    )
    assert outcome.matched == 13 * 5
    assert outcome.disagreements == 1
    assert outcome.rows[0].difference == 1.0
