"""A layer's attributes as a table: columns named as a table's are (lower-case snake case,
unique, the file's header kept as the title), typed as the file types them, with the statistics
and identifier roles (NIK, kode wilayah) that a table's fields get. The attribute table is
written beside the GeoParquet file, row for row in the same order, so the explorer, the API and
the downloads read a layer's attributes like any table."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from satudata.engines.geo.layout import FID, GEOMETRY, RESERVED
from satudata.engines.tabular import infer, store
from satudata.engines.tabular.header import unique_names
from satudata.engines.tabular.model import ORDERED, Field, FieldType
from satudata.engines.tabular.store import quote_ident

INTERNAL = frozenset({"__n", "__empty", "__invalid", GEOMETRY})
SAMPLE_ROWS = 2_000
INTEGERS = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
)
NUMBERS = frozenset({"FLOAT", "DOUBLE", "HUGEINT", "UHUGEINT"})
DATES = {"DATE": FieldType.DATE, "TIMESTAMP": FieldType.DATETIME}


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute: the file's name (`title`), the table's name and the stored type."""

    title: str
    name: str
    type: FieldType

    def sql(self) -> str:
        """The stored value of the source column: as it is, or as text when the type is one
        a table does not hold (a time of day, a list, bytes)."""
        column = quote_ident(self.title)
        if self.type is FieldType.STRING:
            return f"CAST({column} AS VARCHAR)"
        if self.type is FieldType.NUMBER:
            return f"CAST({column} AS DOUBLE)"
        if self.type is FieldType.INTEGER:
            return f"CAST({column} AS BIGINT)"
        if self.type is FieldType.DATETIME:
            return f"CAST({column} AS TIMESTAMP)"
        return column


def _field_type(duck_type: str) -> FieldType:
    if duck_type in INTEGERS:
        return FieldType.INTEGER
    if duck_type in NUMBERS or duck_type.startswith("DECIMAL"):
        return FieldType.NUMBER
    if duck_type in DATES:
        return DATES[duck_type]
    if duck_type.startswith("TIMESTAMP"):
        return FieldType.DATETIME
    if duck_type == "BOOLEAN":
        return FieldType.BOOLEAN
    return FieldType.STRING


def attributes(con: duckdb.DuckDBPyConnection, table: str = "layer") -> list[Attribute]:
    """The attribute columns of `table` (the geometry and the engine's own columns left out)."""
    described = [
        (str(row[0]), str(row[1]))
        for row in con.execute(f"DESCRIBE {table}").fetchall()
        if row[0] not in INTERNAL
    ]
    names = unique_names([*RESERVED, *(title for title, _type in described)])[0][len(RESERVED) :]
    return [
        Attribute(title=title, name=name, type=_field_type(duck_type))
        for (title, duck_type), name in zip(described, names, strict=True)
    ]


def create_named(
    con: duckdb.DuckDBPyConnection, columns: Sequence[Attribute], table: str = "layer"
) -> None:
    """Table `named`: the features of `table` in their order, with the attributes under their
    table names (never `fid`, `bbox` or `geom`: a file's own column so named gets `_2`), the
    feature number as `fid` and the geometry last."""
    selects = "".join(f"{c.sql()} AS {quote_ident(c.name)}, " for c in columns)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE named AS SELECT {selects}__n AS {FID}, {GEOMETRY} "
        f"FROM {table} ORDER BY __n"
    )


def _roles(con: duckdb.DuckDBPyConnection, columns: Sequence[Attribute]) -> list[Any]:
    """The identifier role of each text attribute, guessed as for a table's column."""
    text = [k for k, c in enumerate(columns) if c.type is FieldType.STRING]
    roles: list[Any] = [None] * len(columns)
    if not text:
        return roles
    selects = ", ".join(f"{quote_ident(columns[k].name)} AS t{k}" for k in text)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE attribute_sample AS SELECT {selects} "
        f"FROM named LIMIT {SAMPLE_ROWS}"
    )
    measures = infer.measure(con, "attribute_sample", [f"t{k}" for k in text])
    for k, m in zip(text, measures, strict=True):
        roles[k] = infer.guess(columns[k].title, m, "comma").role
    return roles


def fields(con: duckdb.DuckDBPyConnection, columns: Sequence[Attribute]) -> list[Field]:
    """Each attribute as a table field, with its null and distinct counts, minimum and maximum
    (for the types that have an order) and identifier role, counted over every feature."""
    if not columns:
        return []
    parts = []
    for c in columns:
        column = quote_ident(c.name)
        ordered = c.type in ORDERED
        parts.append(
            f"count({column}), count(DISTINCT {column}), "
            + (f"min({column}), max({column})" if ordered else "NULL, NULL")
        )
    row = con.execute(f"SELECT count(*), {', '.join(parts)} FROM named").fetchone()
    assert row is not None
    total = int(row[0])
    roles = _roles(con, columns)
    found = []
    for k, c in enumerate(columns):
        filled, distinct, low, high = row[1 + 4 * k : 5 + 4 * k]
        found.append(
            Field(
                name=c.name,
                title=c.title,
                type=c.type,
                role=roles[k],
                nullable=int(filled) < total,
                null_count=total - int(filled),
                distinct_count=int(distinct),
                min=low,
                max=high,
            )
        )
    return found


def preview(con: duckdb.DuckDBPyConnection, columns: Sequence[Attribute]) -> list[dict[str, Any]]:
    if not columns:
        return []
    names = ", ".join(quote_ident(c.name) for c in columns)
    return store.rows_as_dicts(con, f"SELECT {names} FROM named LIMIT {store.PREVIEW_ROWS}")


def write_table(
    con: duckdb.DuckDBPyConnection, columns: Sequence[Attribute], target: Path, found: list[Field]
) -> None:
    """The attribute table as a version's Parquet file (atomically, as a table's version is);
    a layer without attributes keeps one column, its feature number."""
    names = ", ".join(quote_ident(c.name) for c in columns) or "row_number() OVER () AS fitur"
    with store.staged(target) as stage:
        store.copy_parquet(con, f"SELECT {names} FROM named ORDER BY {FID}", stage.path, found)
        stage.commit()


def feature_number_field() -> Field:
    """The one field of a layer without attributes."""
    return Field(name="fitur", title="fitur", type=FieldType.INTEGER, nullable=False, null_count=0)
