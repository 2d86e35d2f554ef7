"""The fast paths of the parsers accept and reject exactly what the strict parser does, with the
same typed values, and an upload read with them reports the same problems."""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.

import itertools
import math

import duckdb
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satudata.engines.tabular import FieldSpec, FieldType, Severity, ingest, pipeline
from satudata.engines.tabular.casts import Notation, cast, full_clean
from satudata.engines.tabular.session import session

NUMBERS = [
    "1.234",
    "1,234",
    "1.234.567",
    "1.234.567,89",
    "241,8",
    "-241,8",
    "+241,8",
    "-1.234,5",
    "−241,8",
    " 241,8",
    "241,8 ",
    "\u00a0241,8",
    " -1.234.567,89 ",
    "1.23.4",
    "12.34,5",
    "1.2345,6",
    "1234.567,8",
    ".234,5",
    "1,234,567.89",
    "1,234.5",
    "1,2,3",
    "1,2.3",
    ",5",
    "-,5",
    "5,",
    "1.234,",
    "1.234.",
    "0,000",
    "00,5",
    "007,5",
    "1e5",
    "1,5e3",
    "1_000,5",
    "1 234,5",
    "１２,５",
    "٣,٥",
    "12,5%",
    "Rp 1.234,5",
    "Rp1.234,50",
    "rp. 12,5",
    "12.5",
    "0.75",
    "1234",
    "-0",
    "nan",
    "inf",
    "9" * 400 + ",5",
    "",
    " ",
    "-",
    "N/A",
    "...",
    None,
]
DATES = [
    "08/05/1985",
    "8/5/1985",
    "31/02/2024",
    "29/02/2024",
    "29/02/2023",
    "13/13/2024",
    "00/01/2024",
    "01/00/2024",
    "12/31/2024",
    "01/01/0000",
    "01/01/0999",
    "08-05-1985",
    "08.05.1985",
    "08/05-1985",
    "08/05/85",
    "08/05/1985 10:30",
    "08/05/1985 10:30:00",
    " 08/05/1985",
    "08/05/1985 ",
    "9 Des 2024",
    "09 Des 2024",
    "9 Dess 2024",
    "9 des 2024",
    "9 DES 2024",
    "9 Desember 2024",
    "9 Dec 2024",
    "9 Mei 2024",
    "9 May 2024",
    "9 Agt 2024",
    "9 Nop 2024",
    "31 Feb 2024",
    "29 Feb 2023",
    "0 Jan 2024",
    "32 Jan 2024",
    "100 Jan 2024",
    "009 Des 2024",
    "9 Des 12024",
    "008/05/1985",
    "9  Des 2024",
    "9 Des  2024",
    " 9 Des 2024",
    "9 Des 2024 ",
    "9\tDes 2024",
    "9 Des 24",
    "9 Des 02024",
    "9-Des-2024",
    "9 Des. 2024",
    "9Des2024",
    "Senin, 9 Des 2024",
    "9 Dés 2024",
    "9 \u212akt 2024",
    "9 Okt 2024",
    "2024-08-17",
    "2024-8-17",
    "2024/08/17",
    "2024-02-30",
    "0999-01-01",
    "2024-08-17 10:30:00",
    "2024-08-17 00:00:00",
    "2024-08-17 24:00:00",
    "2024-08-17 23:59:60",
    "2024-02-30 00:00:00",
    "2024-08-17T10:30:00",
    "2024-08-17 10:30",
    "2024-08-17 10:30:00.5",
    "2024-8-17 10:30:00",
    "45521",
    "45521.0",
    "",
    "-",
    "N/A",
    None,
]
NUMBER_NOTATIONS = [
    Notation(decimal="comma"),
    Notation(decimal="dot"),
    Notation(decimal="comma", currency=True),
    Notation(decimal="dot", currency=True),
]
DATE_NOTATIONS = [
    Notation(date_style=style, day_first=day_first, serial=serial)
    for style, day_first, serial in itertools.product(
        ("text", "numeric", "iso"), (True, False), (False, True)
    )
]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def read(con, values, ftype, notation, fast):
    sql = f"SELECT {cast('v', ftype, notation, fast)} FROM (SELECT unnest($values) AS v)"
    return [row[0] for row in con.execute(sql, {"values": values}).fetchall()]


def same(con, values, ftype, notation):
    """The values read with and without the fast paths, side by side, where they differ."""
    fast = read(con, values, ftype, notation, fast=True)
    strict = read(con, values, ftype, notation, fast=False)
    return [
        (value, f, s)
        for value, f, s in zip(values, fast, strict, strict=True)
        if not (f == s or (isinstance(f, float) and math.isnan(f) and math.isnan(s)))
    ]


@pytest.mark.parametrize("notation", NUMBER_NOTATIONS)
@pytest.mark.parametrize("ftype", [FieldType.NUMBER, FieldType.INTEGER])
def test_numbers_read_the_same_with_and_without_fast_paths(con, notation, ftype):
    assert same(con, NUMBERS, ftype, notation) == []


@pytest.mark.parametrize("notation", DATE_NOTATIONS)
@pytest.mark.parametrize("ftype", [FieldType.DATE, FieldType.DATETIME])
def test_dates_read_the_same_with_and_without_fast_paths(con, notation, ftype):
    assert same(con, DATES, ftype, notation) == []


def test_the_fast_paths_read_the_common_forms(con):
    comma = Notation(decimal="comma")
    numbers = read(con, ["1.234.567,89", "241,8", "-1.234", "1,234"], FieldType.NUMBER, comma, True)
    assert numbers == [1234567.89, 241.8, -1234.0, 1.234]
    dates = read(
        con,
        ["08/05/1985", "9 Des 2024", "31/02/2024", "9 Dess 2024"],
        FieldType.DATE,
        Notation(date_style="numeric"),
        True,
    )
    assert [d and d.isoformat() for d in dates] == ["1985-05-08", "2024-12-09", None, None]


def test_a_column_of_mixed_forms_reads_the_same(con):
    values = [*NUMBERS[:30], *DATES[:40]]
    for notation in (*NUMBER_NOTATIONS, *DATE_NOTATIONS):
        for ftype in (FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME):
            assert same(con, values, ftype, notation) == []


PIECES = ["1", "23", "456", "0", ".", ",", "-", "+", " ", "/", ":", "Des", "mei", "Rp", "e"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=40))
def test_any_text_reads_the_same_with_and_without_fast_paths(con, values):
    for notation in (*NUMBER_NOTATIONS[:2], *DATE_NOTATIONS[::4]):
        for ftype in (FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME):
            assert same(con, values, ftype, notation) == []


def notations(path, options, schema):
    """How the upload's columns are read, as the pipeline decides."""
    with session(options) as connection:
        _, columns = pipeline._read(
            connection, pipeline.Request(path, path.name, schema=schema), options, None
        )
    return {c.name: c.guess.notation for c in columns}


def test_an_upload_reports_every_value_the_strict_parser_rejects(con, write_csv, options, tmp_path):
    amounts = [v for v in NUMBERS if v is not None]
    days = [v for v in DATES if v is not None]
    rows = [(amounts[i % len(amounts)], days[i % len(days)]) for i in range(len(days) * 2)]
    path = write_csv("jumlah;tanggal\n" + "".join(f"{a};{d}\n" for a, d in rows))
    schema = [FieldSpec("jumlah", FieldType.NUMBER), FieldSpec("tanggal", FieldType.DATE)]
    result = ingest(path, tmp_path / "o.parquet", schema=schema, options=options)
    how = notations(path, options, schema)
    expected = set()
    for spec, values in zip(schema, zip(*rows, strict=True), strict=True):
        strict = read(con, list(values), spec.type, how[spec.name], fast=False)
        filled = con.execute(
            f"SELECT {full_clean('v')} IS NOT NULL FROM (SELECT unnest($values) AS v)",
            {"values": list(values)},
        ).fetchall()
        expected |= {
            (f"type.{spec.type}", spec.name, i + 2, v)
            for i, (v, typed, (full,)) in enumerate(zip(values, strict, filled, strict=True))
            if typed is None and full
        }
    found = {(p.rule, p.column, p.row, p.value) for p in result.problems}
    assert found == expected
    assert len(expected) > 40
    assert all(p.message and p.hint and p.severity is Severity.ERROR for p in result.problems)


def test_a_version_holds_the_strict_parser_values(con, write_csv, options, tmp_path):
    amounts = ["1.234.567,89", "241,8", "-1.234", "1,234", " 12,5 ", "7"]
    days = ["08/05/1985", "9 Des 2024", "29/02/2024", " 9 Mei 2024", "2024-08-17", "09-05-1985"]
    text = "jumlah;tanggal\n" + "".join(f"{a};{d}\n" for a, d in zip(amounts, days, strict=True))
    schema = [FieldSpec("jumlah", FieldType.NUMBER), FieldSpec("tanggal", FieldType.DATE)]
    result = ingest(write_csv(text), tmp_path / "o.parquet", schema=schema, options=options)
    assert result.ok, result.problems
    stored = pq.read_table(tmp_path / "o.parquet").to_pydict()
    how = notations(write_csv(text), options, schema)
    assert stored["jumlah"] == read(con, amounts, FieldType.NUMBER, how["jumlah"], fast=False)
    assert stored["tanggal"] == read(con, days, FieldType.DATE, how["tanggal"], fast=False)
    assert stored["jumlah"][:4] == [1234567.89, 241.8, -1234.0, 1.234]
