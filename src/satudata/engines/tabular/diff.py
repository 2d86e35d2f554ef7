"""Compare two versions of a dataset (two Parquet files and their fields) in DuckDB.

Rows are matched on a key column when one exists (text or integer, unique and never empty in
both versions; identifiers such as kode wilayah or NIK first); otherwise the versions are
compared as multisets of whole rows, which tells rows added and removed but not changed.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.header import normalise_name
from satudata.engines.tabular.model import (
    ColumnChange,
    DiffResult,
    Field,
    FieldType,
    Options,
    Role,
    RowChange,
)
from satudata.engines.tabular.session import session
from satudata.engines.tabular.store import quote_ident

KEY_TYPES = frozenset({FieldType.STRING, FieldType.INTEGER})
KEY_ROLES = (Role.KODE_WILAYAH, Role.NIK, Role.KK)
KEY_WORDS = ("kode", "kd", "id", "no", "nik", "npsn", "nip", "nomor")


def _preference(field: Field) -> tuple[int, int]:
    if field.role in KEY_ROLES:
        return 0, KEY_ROLES.index(field.role)
    words = normalise_name(field.name).split("_")
    for rank, word in enumerate(KEY_WORDS):
        if word in words:
            return 1, rank
    return 2, 0


def _unique_columns(con: duckdb.DuckDBPyConnection, view: str, names: Sequence[str]) -> set[str]:
    if not names:
        return set()
    selects = ", ".join(
        f"count(*) = count(DISTINCT {quote_ident(n)}) AND count(*) = count({quote_ident(n)})"
        for n in names
    )
    row = con.execute(f"SELECT {selects} FROM {view}").fetchone()
    return {n for n, ok in zip(names, row or (), strict=True) if ok}


def choose_key(
    con: duckdb.DuckDBPyConnection, old: Sequence[Field], new: Sequence[Field]
) -> str | None:
    """The preferred column that is a key in both versions `o` and `n`, or None."""
    old_by_name = {f.name: f for f in old}
    candidates = sorted(
        (
            f
            for f in new
            if f.type in KEY_TYPES
            and f.name in old_by_name
            and old_by_name[f.name].type in KEY_TYPES
        ),
        key=_preference,
    )
    names = [f.name for f in candidates]
    unique = _unique_columns(con, "o", names) & _unique_columns(con, "n", names)
    return next((n for n in names if n in unique), None)


def _as_text(name: str, retyped: set[str], alias: str = "") -> str:
    column = f"{alias}.{quote_ident(name)}" if alias else quote_ident(name)
    return f"CAST({column} AS VARCHAR)" if name in retyped else column


def diff_versions(
    old: Path,
    new: Path,
    old_fields: Sequence[Field],
    new_fields: Sequence[Field],
    *,
    key: str | None = None,
    samples: int = 10,
    options: Options | None = None,
) -> DiffResult:
    """Columns added, removed and retyped; rows added, removed, changed and unchanged."""
    options = options or Options()
    old_types = {f.name: f.type for f in old_fields}
    new_types = {f.name: f.type for f in new_fields}
    common = [f.name for f in new_fields if f.name in old_types]
    retyped = [
        ColumnChange(name=n, old_type=old_types[n], new_type=new_types[n])
        for n in common
        if old_types[n] is not new_types[n]
    ]
    with session(options) as con:
        con.execute(f"CREATE VIEW o AS SELECT * FROM read_parquet({literal(str(old))})")
        con.execute(f"CREATE VIEW n AS SELECT * FROM read_parquet({literal(str(new))})")
        key = key if key in common else choose_key(con, old_fields, new_fields)
        text = {c.name for c in retyped}
        if key is None:
            added, removed, unchanged = _multiset(con, common, text)
            changed, changes = 0, []
        else:
            added, removed, changed, unchanged, changes = _keyed(con, key, common, text, samples)
    return DiffResult(
        columns_added=[f.name for f in new_fields if f.name not in old_types],
        columns_removed=[f.name for f in old_fields if f.name not in new_types],
        columns_retyped=retyped,
        key=key,
        rows_added=added,
        rows_removed=removed,
        rows_changed=changed,
        rows_unchanged=unchanged,
        samples=changes,
    )


def _multiset(
    con: duckdb.DuckDBPyConnection, common: Sequence[str], text: set[str]
) -> tuple[int, int, int]:
    values = ", ".join(_as_text(n, text) for n in common) or "NULL"
    row = con.execute(
        f"WITH a AS (SELECT hash({values}) AS h, count(*) AS k FROM o GROUP BY h), "
        f"b AS (SELECT hash({values}) AS h, count(*) AS k FROM n GROUP BY h) "
        "SELECT COALESCE(sum(greatest(COALESCE(b.k, 0) - COALESCE(a.k, 0), 0)), 0), "
        "COALESCE(sum(greatest(COALESCE(a.k, 0) - COALESCE(b.k, 0), 0)), 0), "
        "COALESCE(sum(least(COALESCE(a.k, 0), COALESCE(b.k, 0))), 0) "
        "FROM a FULL OUTER JOIN b ON a.h = b.h"
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def _keyed(
    con: duckdb.DuckDBPyConnection, key: str, common: Sequence[str], text: set[str], samples: int
) -> tuple[int, int, int, int, list[RowChange]]:
    k = f"CAST({quote_ident(key)} AS VARCHAR)"
    others = [n for n in common if n != key]
    differs = (
        " OR ".join(
            f"{_as_text(n, text, 'o')} IS DISTINCT FROM {_as_text(n, text, 'n')}" for n in others
        )
        or "false"
    )
    joined = (
        f"o JOIN n ON CAST(o.{quote_ident(key)} AS VARCHAR) = CAST(n.{quote_ident(key)} AS VARCHAR)"
    )
    row = con.execute(
        f"SELECT (SELECT count(*) FROM n WHERE {k} NOT IN (SELECT {k} FROM o)), "
        f"(SELECT count(*) FROM o WHERE {k} NOT IN (SELECT {k} FROM n)), "
        f"(SELECT coalesce(count_if({differs}), 0) FROM {joined}), (SELECT count(*) FROM {joined})"
    ).fetchone()
    assert row is not None
    added, removed, changed, matched = (int(v) for v in row)
    changes: list[RowChange] = []
    if changed and samples:
        pairs = ", ".join(f"o.{quote_ident(n)}, n.{quote_ident(n)}" for n in others)
        rows = con.execute(
            f"SELECT o.{quote_ident(key)}, {pairs} FROM {joined} WHERE {differs} "
            f"ORDER BY CAST(o.{quote_ident(key)} AS VARCHAR) LIMIT {int(samples)}"
        ).fetchall()
        for values in rows:
            before, after = {}, {}
            for i, name in enumerate(others):
                a, b = values[1 + 2 * i], values[2 + 2 * i]
                if a != b and not (a is None and b is None):
                    before[name], after[name] = a, b
            changes.append(RowChange(key=values[0], before=before, after=after))
    return added, removed, changed, matched - changed, changes
