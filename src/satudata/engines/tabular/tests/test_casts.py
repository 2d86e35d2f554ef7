"""Round trips of the vectorised parsers: values in Indonesian notation read back exactly."""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.

import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satudata.engines.tabular import FieldType
from satudata.engines.tabular.casts import MONTHS, PLAIN, Notation, cast

INDONESIAN_MONTHS = [words[0] for words in MONTHS.values()]
SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def parse(con, values, ftype, notation=PLAIN):
    sql = f"SELECT {cast('v', ftype, notation)} FROM (SELECT unnest($values) AS v)"
    return [row[0] for row in con.execute(sql, {"values": values}).fetchall()]


def grouped(number: int, separator: str) -> str:
    text = f"{abs(number):,}".replace(",", separator)
    return ("-" if number < 0 else "") + text


integers = st.integers(min_value=-(10**15), max_value=10**15)


@settings(max_examples=40, deadline=None)
@given(st.lists(integers, min_size=1, max_size=30))
def test_integers_with_dot_thousands(con, numbers):
    values = [grouped(n, ".") for n in numbers]
    assert parse(con, values, FieldType.INTEGER) == numbers
    assert parse(con, [str(n) for n in numbers], FieldType.INTEGER) == numbers


@settings(max_examples=40, deadline=None)
@given(st.lists(integers, min_size=1, max_size=30))
def test_integers_with_comma_thousands_in_dot_files(con, numbers):
    values = [grouped(n, ",") for n in numbers]
    assert parse(con, values, FieldType.INTEGER, Notation(decimal="dot")) == numbers


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 99)), min_size=1, max_size=30))
def test_decimals_round_trip_in_both_conventions(con, parts):
    expected = [whole + cents / 100 for whole, cents in parts]
    comma = [f"{grouped(w, '.')},{c:02d}" for w, c in parts]
    dot = [f"{grouped(w, ',')}.{c:02d}" for w, c in parts]
    assert parse(con, comma, FieldType.NUMBER) == pytest.approx(expected)
    assert parse(con, dot, FieldType.NUMBER, Notation(decimal="dot")) == pytest.approx(expected)
    assert parse(con, dot, FieldType.NUMBER) == pytest.approx(expected)


def test_decimal_point_when_not_grouped_by_three(con):
    assert parse(con, ["12.5", "0.75", "1.2345"], FieldType.NUMBER) == [12.5, 0.75, 1.2345]


def test_malformed_numbers_are_null_never_wrong(con):
    values = ["1.23.4", "12,5", "1_000", "nan", "inf", "0x10", "1e5", "12 ribu", ""]
    assert parse(con, values, FieldType.INTEGER) == [None] * len(values)


def test_malformed_decimals_are_null_in_both_conventions(con):
    values = ["5.", "1_000", "nan", "NaN", "inf", "-Infinity", "0x10", "e5", "12 ribu"]
    for notation in (PLAIN, Notation(decimal="dot")):
        assert parse(con, values, FieldType.NUMBER, notation) == [None] * len(values)


def test_plain_decimals_keep_the_file_convention(con):
    values = ["1.234", "1250", " 7,5 ", "-12", "1.5e3", ".5"]
    comma = [1234.0, 1250.0, 7.5, -12.0, 1500.0, 0.5]
    assert parse(con, values, FieldType.NUMBER) == comma
    dot = [1.234, 1250.0, 7.5, -12.0, 1500.0, 0.5]
    assert parse(con, values, FieldType.NUMBER, Notation(decimal="dot")) == dot


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=40, deadline=None)
@given(st.lists(dates, min_size=1, max_size=20))
def test_dates_round_trip_in_every_notation(con, days):
    notations = [
        [d.strftime("%d/%m/%Y") for d in days],
        [d.strftime("%d-%m-%Y") for d in days],
        [d.isoformat() for d in days],
        [f"{d.day} {INDONESIAN_MONTHS[d.month - 1]} {d.year}" for d in days],
        [f"{d.day:02d}-{SHORT_MONTHS[d.month - 1]}-{d.year}" for d in days],
        [f"{d.day} {SHORT_MONTHS[d.month - 1].upper()}. {d.year}" for d in days],
    ]
    for values in notations:
        assert parse(con, values, FieldType.DATE) == days


@settings(max_examples=30, deadline=None)
@given(st.lists(dates, min_size=1, max_size=20))
def test_month_first_dates(con, days):
    values = [d.strftime("%m/%d/%Y") for d in days]
    assert parse(con, values, FieldType.DATE, Notation(day_first=False)) == days


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2100, 12, 31)),
        min_size=1,
        max_size=20,
    )
)
def test_excel_serial_dates(con, days):
    values = [str((d - dt.date(1899, 12, 30)).days) for d in days]
    assert parse(con, values, FieldType.DATE, Notation(serial=True)) == days


def test_impossible_dates_are_null(con):
    values = [
        "31/02/2024",
        "30 Februari 2024",
        "2024-13-01",
        "2023-02-29",
        "2024-08-32",
        "17/08/24",
        "17 Agustusan 2024",
        "infinity",
    ]
    assert parse(con, values, FieldType.DATE) == [None] * len(values)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ya", "tidak", "y", "t", "true", "false", "benar", "salah"]),
        min_size=1,
        max_size=20,
    ),
    st.booleans(),
)
def test_booleans_in_any_case(con, words, upper):
    values = [w.upper() if upper else w.capitalize() for w in words]
    expected = [w in ("ya", "y", "true", "benar") for w in words]
    assert parse(con, values, FieldType.BOOLEAN) == expected


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
        ).filter(lambda s: s.strip(" \u00a0")),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([" ", "  ", "\u00a0", ""]),
)
def test_text_is_trimmed_of_surrounding_spaces(con, words, pad):
    values = [pad + w + pad for w in words]
    got = parse(con, values, FieldType.STRING)
    for word, value in zip(words, got, strict=True):
        assert value is None or value == word.strip(" \t\r\n\u00a0")


def test_no_data_markers_become_empty(con):
    values = ["-", " - ", "N/A", "...", "null", "–"]
    assert parse(con, values, FieldType.STRING) == [None] * len(values)
    assert parse(con, values, FieldType.INTEGER) == [None] * len(values)
