"""Guess each column's type, decimal convention and identifier role from a sample, in one query.

Identifiers stay text: 16-digit NIK / No. KK, kode wilayah ("36.71.01.1001"), NPSN, phone numbers,
digit strings with leading zeros, and any column whose header names an identifier.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from satudata.engines.tabular import casts
from satudata.engines.tabular.casts import PLAIN, Notation, literal
from satudata.engines.tabular.header import normalise_name
from satudata.engines.tabular.model import FieldType, Role

MAJORITY = 0.9
ID_TOKENS = frozenset(
    [
        "nik",
        "kk",
        "nokk",
        "kode",
        "kd",
        "id",
        "npsn",
        "nip",
        "nisn",
        "npwp",
        "nib",
        "telepon",
        "telp",
        "tlp",
        "hp",
        "nohp",
        "phone",
        "wa",
        "kodepos",
    ]
)
KK_TOKENS = frozenset({"kk", "nokk", "keluarga"})
DATE_TOKENS = ("tanggal", "tgl", "date")
WILAYAH_TOKENS = frozenset(
    [
        "wilayah",
        "kel",
        "kelurahan",
        "desa",
        "kec",
        "kecamatan",
        "kab",
        "kabupaten",
        "kota",
        "prov",
        "provinsi",
        "kemendagri",
        "kodewilayah",
        "kdwil",
    ]
)
WILAYAH_DOTTED = r"\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?"
WILAYAH_DEEP = r"\d{2}\.\d{2}\.\d{2}(?:\.\d{4})?"
PHONE = r"(?:\+62|62|0)8\d{7,11}"
AMBIGUOUS = r"[+-]?\d{1,3}[.,]\d{3}"
DIGITS = r"\d+"
SPOILED = r"0\d+|\d{16,}"


@dataclass(frozen=True, slots=True)
class Guess:
    """How to read one column: its type, identifier role and notation."""

    type: FieldType
    role: Role | None = None
    notation: Notation = PLAIN
    ambiguous: bool = False

    def sql(self, raw: str, ftype: FieldType | None = None) -> str:
        """The typed value of text column `raw`."""
        return casts.cast(raw, ftype or self.type, self.notation)


def tokens(title: str) -> set[str]:
    return set(normalise_name(title).split("_")) - {""}


def is_id_header(title: str) -> bool:
    words = tokens(title)
    return bool(words & ID_TOKENS) or any(w.startswith("kode") for w in words)


def is_date_header(title: str) -> bool:
    return any(w.startswith(DATE_TOKENS) for w in tokens(title))


def _prepared(c: str, v: str) -> list[str]:
    """Per-row values computed once per column: clean text, currency-free text, date parses."""
    bare = f"regexp_replace({v}, {literal(casts.CURRENCY)}, '')"
    return [
        f"{v} AS {c}",
        f"{bare} AS {c}_bare",
        f"{casts.iso_date(v)} AS {c}_iso",
        f"{casts.numeric_date(v, day_first=True)} AS {c}_dmy",
        f"{casts.numeric_date(v, day_first=False)} AS {c}_mdy",
        f"{casts.text_date(v)} AS {c}_text",
        f"{casts.matches(v, DIGITS)} AS {c}_digits",
    ]


def _measures(c: str) -> dict[str, str]:
    bare = f"{c}_bare"
    comma, dot = casts.matches(bare, casts.NUM_COMMA), casts.matches(bare, casts.NUM_DOT)
    when = f"COALESCE({c}_iso, {c}_dmy, {c}_mdy)"
    return {
        "n": f"count({c})",
        "currency": f"count_if(regexp_matches({c}, {literal(casts.CURRENCY + '[0-9]')}))",
        "int_comma": f"count_if({casts.matches(bare, casts.INT_COMMA)})",
        "int_dot": f"count_if({casts.matches(bare, casts.INT_DOT)})",
        "num_comma": f"count_if({comma})",
        "num_dot": f"count_if({dot})",
        "comma_only": f"count_if({comma} AND NOT {dot})",
        "dot_only": f"count_if({dot} AND NOT {comma})",
        "ambiguous": f"count_if({casts.matches(bare, AMBIGUOUS)})",
        "bools": f"count_if({casts.boolean(c)} IS NOT NULL)",
        "iso": f"count({c}_iso)",
        "dmy": f"count({c}_dmy)",
        "mdy": f"count({c}_mdy)",
        "text": f"count({c}_text)",
        "timed": f"count_if({when} <> date_trunc('day', {when}))",
        "serials": f"count_if({casts.serial_date(c)} IS NOT NULL)",
        "digits": f"count_if({c}_digits)",
        "digits16": f"count_if({c}_digits AND strlen({c}) = 16)",
        "long_digits": f"count_if({c}_digits AND strlen({c}) >= 16)",
        "leading_zero": f"count_if({c}_digits AND prefix({c}, '0') AND strlen({c}) > 1)",
        "wilayah_dotted": f"count_if({casts.matches(c, WILAYAH_DOTTED)})",
        "wilayah_deep": f"count_if({casts.matches(c, WILAYAH_DEEP)})",
        "wilayah_digits": f"count_if({c}_digits AND strlen({c}) IN (2, 4, 6, 10))",
        "phones": f"count_if({casts.matches(c, PHONE)})",
    }


def measure(
    con: duckdb.DuckDBPyConnection, relation: str, columns: Sequence[str]
) -> list[dict[str, int]]:
    """Count, per text column of `relation`, how many values fit each notation (one query)."""
    if not columns:
        return []
    cleaned, prepared, selects, keys = [], [], [], []
    for j, column in enumerate(columns):
        cleaned.append(f"{casts.full_clean(f'{column}')} AS w{j}")
        prepared += _prepared(f"v{j}", f"w{j}")
        for key, expr in _measures(f"v{j}").items():
            selects.append(f"{expr} AS m{j}_{key}")
            keys.append((j, key))
    row = con.execute(
        f"SELECT {', '.join(selects)} FROM (SELECT {', '.join(prepared)} FROM "
        f"(SELECT {', '.join(cleaned)} FROM {relation}))"
    ).fetchone()
    assert row is not None
    out: list[dict[str, int]] = [{} for _ in columns]
    for (j, key), value in zip(keys, row, strict=True):
        out[j][key] = int(value or 0)
    return out


def keeps_digits(con: duckdb.DuckDBPyConnection, columns: Sequence[str]) -> list[bool]:
    """Whether each text column holds, anywhere, a digit string that a number would spoil:
    a leading zero ("007") or 16 digits or more."""
    if not columns:
        return []
    checks = ", ".join(
        f"count_if(CASE WHEN prefix({c}, '0') OR strlen({c}) >= 16 "
        f"THEN {casts.matches(casts.full_clean(c), SPOILED)} ELSE false END)"
        for c in columns
    )
    row = con.execute(f"SELECT {checks} FROM raw").fetchone()
    return [bool(n) for n in row] if row else [False] * len(columns)


def decimal_signal(m: dict[str, int]) -> str | None:
    if m["comma_only"] > m["dot_only"]:
        return "comma"
    if m["dot_only"] > m["comma_only"]:
        return "dot"
    return None


def file_decimal(measures: Sequence[dict[str, int]], default: str = "comma") -> str:
    comma = sum(m["comma_only"] for m in measures)
    dot = sum(m["dot_only"] for m in measures)
    if comma == dot:
        return default
    return "comma" if comma > dot else "dot"


def _role(title: str, m: dict[str, int], id_header: bool) -> Role | None:
    n = m["n"]
    words = tokens(title)
    if m["digits16"] >= MAJORITY * n:
        return Role.KK if words & KK_TOKENS else Role.NIK
    wilayah_header = bool(words & WILAYAH_TOKENS)
    if (
        m["wilayah_deep"] >= MAJORITY * n
        or (m["wilayah_dotted"] >= MAJORITY * n and (id_header or wilayah_header))
        or (m["wilayah_digits"] >= MAJORITY * n and id_header and wilayah_header)
    ):
        return Role.KODE_WILAYAH
    return None


def guess(title: str, m: dict[str, int], decimal: str) -> Guess:
    """Decide a column's type from its measures; `decimal` is the file-level convention."""
    n = m["n"]
    if n == 0:
        return Guess(FieldType.STRING)
    id_header = is_id_header(title)
    role = _role(title, m, id_header)
    keeps_text = (
        id_header
        or role is not None
        or (m["digits"] >= MAJORITY * n and m["leading_zero"] > 0)
        or m["long_digits"] > 0
        or m["phones"] >= MAJORITY * n
    )
    signal = decimal_signal(m)
    styles = {"iso": m["iso"], "numeric": max(m["dmy"], m["mdy"]), "text": m["text"]}
    notation = Notation(
        decimal=signal or decimal,
        currency=m["currency"] > 0,
        day_first=m["dmy"] >= m["mdy"],
        serial=is_date_header(title) and m["serials"] == n,
        date_style=max(styles, key=lambda k: styles[k]),
    )
    ambiguous = signal is None and m["ambiguous"] > 0
    if keeps_text:
        return Guess(FieldType.STRING, role=role, notation=notation, ambiguous=ambiguous)
    enough = MAJORITY * n
    integers = m["int_comma"] if notation.decimal == "comma" else m["int_dot"]
    numbers = max(m["num_comma"], m["num_dot"])
    dates = m["iso"] + max(m["dmy"], m["mdy"]) + m["text"]
    if m["bools"] >= enough:
        ftype = FieldType.BOOLEAN
    elif notation.serial:
        ftype = FieldType.DATE
    elif integers >= enough:
        ftype = FieldType.INTEGER
    elif numbers >= enough:
        ftype = FieldType.NUMBER
    elif dates >= enough:
        ftype = FieldType.DATETIME if m["timed"] else FieldType.DATE
    else:
        ftype = FieldType.STRING
    return Guess(ftype, notation=notation, ambiguous=ambiguous)
