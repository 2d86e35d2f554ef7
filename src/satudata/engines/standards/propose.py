"""A proposed standard from a published version: its types, observed ranges, filled columns,
short lists of distinct values and kode wilayah columns, for the pembina to edit; and the values
read from the data held back (`withhold`) and put back (`restore`) when the source is not public."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from satudata.engines.standards.model import StandardField, bound_text, parse_bound
from satudata.engines.tabular import Field, FieldType, Options, Role
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.session import session
from satudata.engines.tabular.store import quote_ident

ENUM_CANDIDATE = 20
RANGED = (FieldType.INTEGER, FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME)
CODE_LEVELS = {5: "kabkota", 8: "kecamatan", 13: "desa", 2: "provinsi"}


def _bound(value: Any, kind: FieldType) -> Any:
    if value is None:
        return None
    if kind is FieldType.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if kind is FieldType.DATETIME and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if kind is FieldType.INTEGER or kind is FieldType.NUMBER:
        return int(float(value)) if kind is FieldType.INTEGER else float(value)
    return value


def _small_sets(parquet: Path, names: Sequence[str], options: Options) -> dict[str, list[str]]:
    """The distinct values of each named column (callers pass only columns with few)."""
    if not names:
        return {}
    source = f"read_parquet({literal(str(parquet))})"
    parts = ", ".join(
        f"list_sort(list(DISTINCT CAST({quote_ident(n)} AS VARCHAR))) AS {quote_ident(n)}"
        for n in names
    )
    with session(options) as con:
        row = con.execute(f"SELECT {parts} FROM {source}").fetchone()
    return (
        {n: [v for v in (row[k] or []) if v is not None] for k, n in enumerate(names)}
        if row
        else {}
    )


def _stats(parquet: Path, fields: Sequence[Field], options: Options) -> list[Field]:
    """The fields with null count, distinct count, minimum and maximum read from the file."""
    source = f"read_parquet({literal(str(parquet))})"
    with session(options) as con:
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        wanted = [f for f in fields if f.name in present]
        parts = []
        for f in wanted:
            c = quote_ident(f.name)
            ranged = f.type in RANGED
            parts += [
                f"count(*) - count({c})",
                f"count(DISTINCT {c})",
                f"CAST(min({c}) AS VARCHAR)" if ranged else "NULL",
                f"CAST(max({c}) AS VARCHAR)" if ranged else "NULL",
            ]
        row = con.execute(f"SELECT {', '.join(parts)} FROM {source}").fetchone() if parts else ()
    found = {
        f.name: replace(
            f,
            null_count=int(row[4 * k]),
            distinct_count=int(row[4 * k + 1]),
            min=row[4 * k + 2],
            max=row[4 * k + 3],
        )
        for k, f in enumerate(wanted)
    }
    return [found.get(f.name, f) for f in fields]


def _plain_title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _level(codes: Sequence[str], default: str | None) -> str | None:
    lengths = {len(code) for code in codes}
    if len(lengths) == 1:
        return CODE_LEVELS.get(lengths.pop(), default)
    return default


def propose(
    parquet: Path,
    fields: Sequence[Field],
    rows: int,
    *,
    wilayah_level: str | None = None,
    options: Options | None = None,
) -> list[StandardField]:
    """One proposed field per column: the inferred type; `required` where no value is empty;
    `unique` where every value differs; minimum and maximum as observed; an enum where a text
    column holds at most `ENUM_CANDIDATE` distinct values; a kode wilayah column gets the
    wilayah level of its codes (else `wilayah_level`)."""
    options = options or Options()
    fields = _stats(parquet, fields, options)
    small = [
        f.name
        for f in fields
        if f.type is FieldType.STRING
        and f.distinct_count is not None
        and (f.distinct_count <= ENUM_CANDIDATE or f.role is Role.KODE_WILAYAH)
        and f.distinct_count < rows
    ]
    values = _small_sets(parquet, small, options)
    proposed = []
    for f in fields:
        filled = rows > 0 and f.null_count == 0
        kode = f.role is Role.KODE_WILAYAH
        enum = None
        if f.name in values and not kode and 0 < len(values[f.name]) <= ENUM_CANDIDATE:
            enum = tuple(values[f.name])
        ranged = f.type in RANGED
        proposed.append(
            StandardField(
                name=f.name,
                type=f.type,
                title=f.title if f.title != f.name else _plain_title(f.name),
                required=filled,
                unique=rows > 1
                and f.distinct_count == rows
                and f.type in (FieldType.STRING, FieldType.INTEGER),
                minimum=_bound(f.min, f.type) if ranged else None,
                maximum=_bound(f.max, f.type) if ranged else None,
                enum=enum,
                wilayah_level=_level(values.get(f.name, []), wilayah_level) if kode else None,
            )
        )
    return proposed


def withhold(
    fields: Sequence[StandardField],
) -> tuple[list[StandardField], dict[str, dict[str, Any]]]:
    """The fields without what was read from the dataset (column titles, allowed values,
    observed minimum and maximum), and those values by field name in JSON-friendly form, for a
    source the public may not see: they enter a standard only once someone allowed to see the
    source confirms them."""
    kept: list[StandardField] = []
    drawn: dict[str, dict[str, Any]] = {}
    for f in fields:
        values: dict[str, Any] = {}
        if f.title and f.title != _plain_title(f.name):
            values["title"] = f.title
        if f.enum:
            values["enum"] = list(f.enum)
        for bound in ("minimum", "maximum"):
            value = getattr(f, bound)
            if value is not None:
                values[bound] = bound_text(value)
        if values:
            drawn[f.name] = values
        kept.append(replace(f, title=_plain_title(f.name), enum=None, minimum=None, maximum=None))
    return kept, drawn


def _bound_or_none(kind: FieldType, value: Any) -> Any:
    try:
        return parse_bound(kind, value)
    except ValueError:
        return None


def restore(
    fields: Sequence[StandardField], drawn: dict[str, dict[str, Any]]
) -> tuple[list[StandardField], list[str]]:
    """`fields` with the withheld values put back where the field of that name has none of its
    own (a value that does not fit the field's type now is left out); the names restored."""
    restored: list[StandardField] = []
    names: list[str] = []
    for f in fields:
        values = drawn.get(f.name) or {}
        changes: dict[str, Any] = {}
        if values.get("title") and f.title in ("", _plain_title(f.name)):
            changes["title"] = str(values["title"])
        if values.get("enum") and not f.enum and f.type is FieldType.STRING:
            changes["enum"] = tuple(str(v) for v in values["enum"])
        for bound in ("minimum", "maximum"):
            if getattr(f, bound) is None and f.type in RANGED and bound in values:
                parsed = _bound_or_none(f.type, values[bound])
                if parsed is not None:
                    changes[bound] = parsed
        if changes:
            names.append(f.name)
        restored.append(replace(f, **changes))
    return restored, names
