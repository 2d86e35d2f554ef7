"""Vectorised parsers: SQL expressions that turn cleaned text into typed DuckDB values.

Indonesian notation first: "1.234.567" is an integer, "1.234,56" and "12,5" are decimals,
"17 Agustus 2024" and "17/08/2024" are dates, "ya"/"tidak" are booleans. Every cast is checked
(by a regular expression, or by printing the parsed integer back), so an unexpected text gives
NULL (reported as a type problem), never a wrong value. `decimal` is "comma" (Indonesian) or
"dot" (English); a value that only parses in the other convention is still read.

Fast paths read the most common forms ("1.234.567,89", "241,8", "08/05/1985", "9 Des 2024",
"2024-08-17 10:30:00") with cheaper expressions. Each gives a value only where the strict
parser gives that same value, and NULL otherwise, so the strict parser still decides every
other value: `cast(..., fast=False)` is the strict parser alone, and both accept and reject
exactly the same texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from satudata.engines.tabular.model import FieldType

WHITESPACE = " \t\r\n\u00a0"
MISSING_MARKERS = (
    "-",
    "–",
    "—",
    "--",
    "...",
    "…",
    "NA",
    "na",
    "N/A",
    "n/a",
    "#N/A",
    "null",
    "NULL",
    "Null",
    "none",
    "None",
    "NONE",
)
MARKER_BYTES = max(len(marker.encode()) for marker in MISSING_MARKERS)
EDGE_SPACES = (" ", "\u00a0")

INT_COMMA = r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)"
INT_DOT = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)"
NUM_COMMA = r"[+-]?(?:(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?|,\d+)"
NUM_DOT = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?"
CURRENCY = r"^[Rr][Pp]\.?\s*"

ISO_DATE = r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
NUM_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?: \d{1,2}:\d{2}(?::\d{2})?)?"
SERIAL = r"\d{4,5}(?:\.0+)?"
PLAIN_DATE = "[1-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
SERIAL_MIN, SERIAL_MAX = 7306, 73415  # 1920-01-01 .. 2100-12-31 in Excel's 1900 system

ISO_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d",
)
DAY_FIRST = (
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
)
MONTH_FIRST = (
    "%m/%d/%Y",
    "%m-%d-%Y",
    "%m.%d.%Y",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m-%d-%Y %H:%M:%S",
    "%m-%d-%Y %H:%M",
)

MONTHS = {
    1: ("januari", "jan", "january"),
    2: ("februari", "pebruari", "feb", "peb", "february"),
    3: ("maret", "mar", "march"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("agustus", "agu", "agt", "ags", "aug", "august"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nov", "nop", "nopember"),
    12: ("desember", "des", "dec", "december"),
}
TRUE_WORDS = ("ya", "y", "true", "benar", "yes", "iya")
FALSE_WORDS = ("tidak", "t", "false", "salah", "no", "n", "tdk")

SQL_TYPES = {
    FieldType.INTEGER: "BIGINT",
    FieldType.NUMBER: "DOUBLE",
    FieldType.DATE: "DATE",
    FieldType.DATETIME: "TIMESTAMP",
    FieldType.BOOLEAN: "BOOLEAN",
    FieldType.STRING: "VARCHAR",
}


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def literals(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(literal(v) for v in values)


def one_of(value: str, values: tuple[str, ...]) -> str:
    """True where `value` equals one of `values`. Unlike `IN (...)`, which DuckDB turns into a
    join when the list is long, this is evaluated per value: cheaper here, and a query that
    only projects keeps the rows in their order."""
    return f"list_contains([{literals(values)}], {value})"


def matches(value: str, pattern: str) -> str:
    return f"regexp_full_match({value}, {literal(pattern)})"


def is_marker(value: str) -> str:
    """True where `value` is a "no data" marker (the length is compared first: far cheaper)."""
    return f"strlen({value}) <= {MARKER_BYTES} AND {one_of(value, MISSING_MARKERS)}"


def _unmark(text: str) -> str:
    """`text` itself, or NULL when it is empty or a "no data" marker (evaluated once per value)."""
    unmarked = f"CASE WHEN x = '' OR {is_marker('x')} THEN NULL ELSE x END"
    return f"list_transform([{text}], x -> {unmarked})[1]"


def clean(column: str) -> str:
    """Trimmed text; NULL for empty cells and the usual "no data" markers ("-", "...", "N/A").

    Only values that start or end with a space are trimmed: trimming every value costs more than
    the rest of the parse. (No sub-expression is written twice, so DuckDB cannot hoist one out
    of its CASE branch and compute it for every row.)
    """
    edges = " OR ".join(
        f"prefix({column}, {literal(ch)}) OR suffix({column}, {literal(ch)})" for ch in EDGE_SPACES
    )
    return (
        f"CASE WHEN {is_marker(column)} THEN NULL "
        f"WHEN {edges} THEN {full_clean(column)} ELSE {column} END"
    )


def full_clean(column: str) -> str:
    """Like `clean`, trimming every kind of white space on both sides of every value."""
    return _unmark(f"trim({column}, {literal(WHITESPACE)})")


@dataclass(frozen=True, slots=True)
class Notation:
    """How one column writes its values. `date_style` is tried first: iso, numeric or text."""

    decimal: str = "comma"
    currency: bool = False
    day_first: bool = True
    serial: bool = False
    date_style: str = "numeric"


PLAIN = Notation()


def _plain_integer(value: str) -> str:
    """Fast path: the value is exactly how DuckDB prints that integer ("1250", "-3")."""
    return (
        f"CASE WHEN CAST(TRY_CAST({value} AS BIGINT) AS VARCHAR) = {value} "
        f"THEN TRY_CAST({value} AS BIGINT) END"
    )


def _strip_currency(value: str, currency: bool) -> str:
    return f"regexp_replace({value}, {literal(CURRENCY)}, '')" if currency else value


def integer(value: str, decimal: str = "comma", currency: bool = False) -> str:
    v = _strip_currency(value, currency)
    grouping, pattern = (".", INT_COMMA) if decimal == "comma" else (",", INT_DOT)
    grouped = (
        f"CASE WHEN {matches(v, pattern)} "
        f"THEN TRY_CAST(replace({v}, {literal(grouping)}, '') AS BIGINT) END"
    )
    return f"COALESCE({_plain_integer(value)}, {grouped})"


def _plain_number(value: str, decimal: str) -> str:
    """Fast path: a finite number DuckDB reads by itself, with nothing the patterns refuse (a
    trailing ".", a "_") and, in the comma convention, no "." or "," that could group digits."""
    guard = f"NOT contains({value}, '_')"
    if decimal == "comma":
        guard += f" AND NOT contains({value}, '.') AND NOT contains({value}, ',')"
    else:
        guard += f" AND NOT suffix({value}, '.')"
    read = f"TRY_CAST({value} AS DOUBLE)"
    return f"CASE WHEN {guard} AND isfinite({read}) THEN {read} END"


def number(value: str, decimal: str = "comma", currency: bool = False) -> str:
    v = _strip_currency(value, currency)
    comma = (
        f"CASE WHEN {matches(v, NUM_COMMA)} "
        f"THEN TRY_CAST(replace(replace({v}, '.', ''), ',', '.') AS DOUBLE) END"
    )
    dot = f"CASE WHEN {matches(v, NUM_DOT)} THEN TRY_CAST(replace({v}, ',', '') AS DOUBLE) END"
    first, second = (comma, dot) if decimal == "comma" else (dot, comma)
    return f"COALESCE({_plain_number(value, decimal)}, {first}, {second})"


def boolean(value: str) -> str:
    low = f"lower({value})"
    return (
        f"CASE WHEN {one_of(low, TRUE_WORDS)} THEN true "
        f"WHEN {one_of(low, FALSE_WORDS)} THEN false END"
    )


TEXT_DATE = r"(?:[a-z]+,\s*)?(\d{1,2})[\s./-]*([a-z]+)\.?[\s./-]*(\d{4})"
MONTH_WORDS = [word for words in MONTHS.values() for word in words]
MONTH_OF_WORD = [number for number, words in MONTHS.items() for _ in words]


def text_date(value: str, gated: bool = True) -> str:
    """ "17 Agustus 2024", "17-Agu-2024", "Sabtu, 17 Agt. 2024" (Indonesian or English months).

    A plain pattern splits day, month word and year; the word is then looked up in the month
    table (faster than matching every month name in the pattern). `gated` checks the form
    first, which is cheaper when most values are not such dates.
    """
    parts = f"regexp_extract(lower({value}), {literal('^' + TEXT_DATE + '$')}, ['d', 'm', 'y'])"
    words = "[" + literals(MONTH_WORDS) + "]"
    numbers = "[" + ", ".join(map(str, MONTH_OF_WORD)) + "]"
    month = f"{numbers}[list_position({words}, p.m)]"
    made = f"try(make_date(TRY_CAST(p.y AS INTEGER), {month}, TRY_CAST(p.d AS INTEGER)))"
    parsed = f"CAST(list_transform([{parts}], p -> {made})[1] AS TIMESTAMP)"
    if not gated:
        return parsed
    return f"CASE WHEN regexp_full_match(lower({value}), {literal(TEXT_DATE)}) THEN {parsed} END"


def serial_date(value: str) -> str:
    number_ = f"TRY_CAST({value} AS DOUBLE)"
    return (
        f"CASE WHEN {matches(value, SERIAL)} AND {number_} BETWEEN {SERIAL_MIN} AND {SERIAL_MAX} "
        f"THEN CAST(DATE '1899-12-30' + CAST({number_} AS INTEGER) AS TIMESTAMP) END"
    )


def iso_date(value: str) -> str:
    """ "2024-08-17", "2024-08-17 10:30:00" (also how workbook date cells are read)."""
    formats = literals(ISO_FORMATS)
    return f"CASE WHEN {matches(value, ISO_DATE)} THEN try_strptime({value}, [{formats}]) END"


def numeric_date(value: str, day_first: bool = True) -> str:
    """ "17/08/2024", "17-08-2024", "17.08.2024" (or month first: "08/17/2024")."""
    formats = literals(DAY_FIRST if day_first else MONTH_FIRST)
    return f"CASE WHEN {matches(value, NUM_DATE)} THEN try_strptime({value}, [{formats}]) END"


def plain_date(value: str) -> str:
    """Fast path: "2024-08-17" exactly, read by DuckDB itself (NULL for a day that does not
    exist, as the other parsers give)."""
    return (
        f"CASE WHEN {value} GLOB {literal(PLAIN_DATE)} "
        f"THEN CAST(TRY_CAST({value} AS DATE) AS TIMESTAMP) END"
    )


def timestamp(value: str, notation: Notation = PLAIN) -> str:
    """Any supported date or date-time notation as a TIMESTAMP (NULL when none fits)."""
    styles = {
        "iso": iso_date(value),
        "numeric": numeric_date(value, notation.day_first),
        "text": text_date(value, gated=notation.date_style != "text"),
    }
    parts = [plain_date(value), styles[notation.date_style]] + [
        v for k, v in styles.items() if k != notation.date_style
    ]
    if notation.serial:
        parts.append(serial_date(value))
    return f"COALESCE({', '.join(parts)})"


COMMA_DECIMAL = r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+"
FAST_TEXT_DATE = r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$"
FAST_NUMERIC_DATE = "[0-9][0-9]{0}[0-9][0-9]{0}[0-9][0-9][0-9][0-9]"
DATE_SEPARATORS = ("/", "-", ".")
FAST_ISO_SECONDS = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"


def fast_comma_decimal(value: str) -> str:
    """ "1.234.567,89", "241,8", "-12,5": a decimal comma, dots grouping by three. The strict
    parser reads these (and only these of its forms with a comma) by the same conversion."""
    comma = f"replace({value}, ',', '.')"
    grouped = f"replace(replace({value}, '.', ''), ',', '.')"
    text = f"CASE WHEN contains({value}, '.') THEN {grouped} ELSE {comma} END"
    return f"CASE WHEN {matches(value, COMMA_DECIMAL)} THEN TRY_CAST({text} AS DOUBLE) END"


def fast_numeric_date(value: str, day_first: bool = True) -> str:
    """ "08/05/1985", "08-05-1985", "08.05.1985" (two-digit day and month, four-digit year):
    the one format of the strict list that can read such a text."""
    order = ("%d", "%m") if day_first else ("%m", "%d")
    branches = " ".join(
        f"WHEN {value} GLOB {literal(FAST_NUMERIC_DATE.format(sep))} "
        f"THEN try_strptime({value}, {literal(sep.join((*order, '%Y')))})"
        for sep in DATE_SEPARATORS
    )
    return f"CASE {branches} END"


def fast_iso_seconds(value: str) -> str:
    """ "2024-08-17 10:30:00" (how workbook date cells are read): the one format of the strict
    list that can read such a text."""
    return (
        f"CASE WHEN {value} GLOB {literal(FAST_ISO_SECONDS)} "
        f"THEN try_strptime({value}, '%Y-%m-%d %H:%M:%S') END"
    )


def fast_text_date(value: str) -> str:
    """ "9 Des 2024", "17 Agustus 2024": day, month word and year split by single spaces, read
    with the strict parser's month table and date construction (without its lambda)."""
    parts = f"regexp_extract({value}, {literal(FAST_TEXT_DATE)}, ['d', 'm', 'y'])"
    words = "[" + literals(MONTH_WORDS) + "]"
    numbers = "[" + ", ".join(map(str, MONTH_OF_WORD)) + "]"
    month = f"{numbers}[list_position({words}, lower({parts}.m))]"
    day, year = f"TRY_CAST({parts}.d AS INTEGER)", f"TRY_CAST({parts}.y AS INTEGER)"
    return f"CAST(try(make_date({year}, {month}, {day})) AS TIMESTAMP)"


def _fast(value: str, ftype: FieldType, notation: Notation) -> list[str]:
    """The fast paths for `ftype` in `notation`, cheapest first: only the column's own date
    style, as DuckDB computes the month word of a text date for every row once it is asked."""
    if ftype is FieldType.NUMBER and notation.decimal == "comma" and not notation.currency:
        return [_plain_number(value, "comma"), fast_comma_decimal(value)]
    if ftype in (FieldType.DATE, FieldType.DATETIME):
        if notation.date_style == "text":
            return [plain_date(value), fast_text_date(value)]
        if notation.date_style == "numeric":
            return [plain_date(value), fast_numeric_date(value, notation.day_first)]
        return [plain_date(value), fast_iso_seconds(value)]
    return []


def strict(value: str, ftype: FieldType, notation: Notation = PLAIN) -> str:
    """The strict parser's value of clean text `value` as `ftype` (a TIMESTAMP for dates)."""
    if ftype is FieldType.INTEGER:
        return integer(value, notation.decimal, notation.currency)
    if ftype is FieldType.NUMBER:
        return number(value, notation.decimal, notation.currency)
    if ftype is FieldType.BOOLEAN:
        return boolean(value)
    if ftype in (FieldType.DATE, FieldType.DATETIME):
        return timestamp(value, notation)
    return value


def _first(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"COALESCE({', '.join(parts)})"


def _as(ftype: FieldType, typed: str) -> str:
    return f"CAST({typed} AS DATE)" if ftype is FieldType.DATE else typed


def parse(value: str, ftype: FieldType, notation: Notation = PLAIN, fast: bool = True) -> str:
    """The typed value of clean text `value` as `ftype`: the fast paths, then the strict parser
    (alone when not `fast`)."""
    paths = _fast(value, ftype, notation) if fast else []
    return _as(ftype, _first([*paths, strict(value, ftype, notation)]))


def cast(raw: str, ftype: FieldType, notation: Notation = PLAIN, fast: bool = True) -> str:
    """The typed value of the text column `raw` as `ftype` (`fast`: see the module's notes).

    The value is parsed as it is first; only when that fails is it cleaned and parsed again.
    The fast paths stay outside the CASE that skips empty cells: DuckDB computes a repeated
    sub-expression once only outside a CASE.
    """
    if ftype is FieldType.STRING:
        return clean(raw)
    paths = _fast(raw, ftype, notation) if fast else []
    again = _first([*(_fast("v", ftype, notation) if fast else []), strict("v", ftype, notation)])
    retry = f"list_transform([{full_clean(raw)}], v -> {again})[1]"
    checked = (
        f"CASE WHEN {raw} IS NOT NULL THEN COALESCE({strict(raw, ftype, notation)}, {retry}) END"
    )
    return _as(ftype, _first([*paths, checked]))
