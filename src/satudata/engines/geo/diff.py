"""Compare two versions of a layer (two GeoParquet files): features added, removed and changed
(in shape, in attributes, or both).

Features are matched on a key attribute when one exists (unique and never empty in both
versions, a name like "kode" or "id" first); otherwise the versions are compared as multisets
of whole features, which tells features added and removed but not changed. Shapes are compared
after normalisation (same vertices in a canonical order), so a ring that starts at another
vertex is the same shape."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from satudata.engines import duck
from satudata.engines.geo.layout import GEOMETRY, RESERVED
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.header import normalise_name
from satudata.engines.tabular.store import quote_ident

KEY_WORDS = ("kode", "kd", "id", "fid", "objectid", "no", "nomor")
SAMPLE = 50


@dataclass(frozen=True, slots=True)
class FeatureChange:
    key: str
    kind: str  # "added", "removed" or "changed"
    shape: bool = False
    columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LayerDiff:
    key: str | None
    added: int
    removed: int
    changed: int
    reshaped: int
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    samples: list[FeatureChange] = field(default_factory=list)


def _columns(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    described = con.execute(f"DESCRIBE {view}").fetchall()
    return [row[0] for row in described if row[0] not in RESERVED]


def _rank(name: str) -> int:
    words = normalise_name(name).split("_")
    return next((r for r, word in enumerate(KEY_WORDS) if word in words), len(KEY_WORDS))


def _key(con: duckdb.DuckDBPyConnection, shared: list[str]) -> str | None:
    candidates = sorted((c for c in shared if _rank(c) < len(KEY_WORDS)), key=_rank)
    for name in candidates:
        column = quote_ident(name)
        unique = " AND ".join(
            f"(SELECT count(*) = count(DISTINCT {column}) AND count(*) = count({column}) "
            f"FROM {view})"
            for view in ("old", "new")
        )
        row = con.execute(f"SELECT {unique}").fetchone()
        if row and row[0]:
            return name
    return None


def _shape(alias: str) -> str:
    return f"ST_AsWKB(ST_Normalize({alias}.{GEOMETRY}))"


def diff_layers(old: Path, new: Path) -> LayerDiff:
    con = duck.connect(extensions=["spatial"])
    try:
        con.execute(f"CREATE VIEW old AS SELECT * FROM read_parquet({literal(str(old))})")
        con.execute(f"CREATE VIEW new AS SELECT * FROM read_parquet({literal(str(new))})")
        before, after = _columns(con, "old"), _columns(con, "new")
        shared = [c for c in after if c in before]
        key = _key(con, shared)
        added_columns = tuple(c for c in after if c not in before)
        removed_columns = tuple(c for c in before if c not in after)
        if key is None:
            return _by_content(con, shared, added_columns, removed_columns)
        return _by_key(con, key, shared, added_columns, removed_columns)
    finally:
        con.close()


def _by_key(
    con: duckdb.DuckDBPyConnection,
    key: str,
    shared: list[str],
    added_columns: tuple[str, ...],
    removed_columns: tuple[str, ...],
) -> LayerDiff:
    k = quote_ident(key)
    others = [c for c in shared if c != key]
    changed_list = "[]::VARCHAR[]"
    if others:
        items = ", ".join(
            f"CASE WHEN o.{quote_ident(c)} IS DISTINCT FROM n.{quote_ident(c)} "
            f"THEN {literal(c)} END"
            for c in others
        )
        changed_list = f"list_filter([{items}], x -> x IS NOT NULL)"
    con.execute(
        "CREATE TEMP TABLE changes AS SELECT "
        f"CAST(coalesce(n.{k}, o.{k}) AS VARCHAR) AS key, "
        "CASE WHEN o.__o IS NULL THEN 'added' WHEN n.__n IS NULL THEN 'removed' "
        "ELSE 'changed' END AS kind, "
        f"o.__o IS NOT NULL AND n.__n IS NOT NULL AND {_shape('o')} IS DISTINCT FROM "
        f"{_shape('n')} AS shape, "
        f"CASE WHEN o.__o IS NOT NULL AND n.__n IS NOT NULL THEN {changed_list} END AS columns "
        f"FROM (SELECT *, true AS __o FROM old) o FULL JOIN (SELECT *, true AS __n FROM new) n "
        f"USING ({k})"
    )
    con.execute("DELETE FROM changes WHERE kind = 'changed' AND NOT shape AND len(columns) = 0")
    row = con.execute(
        "SELECT count(*) FILTER (kind = 'added'), count(*) FILTER (kind = 'removed'), "
        "count(*) FILTER (kind = 'changed'), count(*) FILTER (shape) FROM changes"
    ).fetchone()
    assert row is not None
    samples = [
        FeatureChange(str(key_), kind, bool(shape), tuple(columns or ()))
        for key_, kind, shape, columns in con.execute(
            f"SELECT key, kind, shape, columns FROM changes ORDER BY kind, key LIMIT {SAMPLE}"
        ).fetchall()
    ]
    return LayerDiff(
        key=key,
        added=int(row[0]),
        removed=int(row[1]),
        changed=int(row[2]),
        reshaped=int(row[3]),
        columns_added=added_columns,
        columns_removed=removed_columns,
        samples=samples,
    )


def _by_content(
    con: duckdb.DuckDBPyConnection,
    shared: list[str],
    added_columns: tuple[str, ...],
    removed_columns: tuple[str, ...],
) -> LayerDiff:
    columns = ", ".join([*(quote_ident(c) for c in shared), f"{_shape('t')} AS __shape"])
    counts = []
    for first, second in (("new", "old"), ("old", "new")):
        row = con.execute(
            f"SELECT count(*) FROM (SELECT {columns} FROM {first} t EXCEPT ALL "
            f"SELECT {columns} FROM {second} t)"
        ).fetchone()
        counts.append(int(row[0]) if row else 0)
    return LayerDiff(
        key=None,
        added=counts[0],
        removed=counts[1],
        changed=0,
        reshaped=0,
        columns_added=added_columns,
        columns_removed=removed_columns,
    )
