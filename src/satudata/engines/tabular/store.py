"""Write a version: Parquet (zstd) through a temporary file, fsync and atomic rename."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.model import ORDERED, Field, FieldType

ROW_GROUP_SIZE = 122_880
PREVIEW_ROWS = 20


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Staged:
    """A temporary file next to its target; `commit` makes it the target, atomically."""

    def __init__(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self.path = Path(name)
        self.target = target

    def commit(self) -> None:
        with self.path.open("rb+") as handle:
            os.fsync(handle.fileno())
        self.path.replace(self.target)
        directory = os.open(self.target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Staged]:
    """Stage a file for `target`; whatever is not committed is removed, even on error."""
    stage = Staged(target)
    try:
        yield stage
    finally:
        stage.path.unlink(missing_ok=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def field_metadata(fields: Sequence[Field]) -> str:
    """The fields' titles, types and roles as JSON, stored in the Parquet footer."""
    return json.dumps(
        [
            {"name": f.name, "title": f.title, "type": str(f.type), "role": f.role and str(f.role)}
            for f in fields
        ],
        ensure_ascii=False,
    )


def copy_parquet(
    con: duckdb.DuckDBPyConnection, select: str, path: Path, fields: Sequence[Field]
) -> None:
    """COPY the query `select` to `path` as Parquet (zstd), with the fields in its footer."""
    metadata = literal(field_metadata(fields))
    con.execute(
        f"COPY ({select}) TO {literal(str(path))} (FORMAT parquet, COMPRESSION zstd, "
        f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}, KV_METADATA {{satudata_fields: {metadata}}})"
    )


def _typed_value(text: str | None, kind: FieldType) -> Any:
    if text is None:
        return None
    if kind is FieldType.INTEGER:
        return int(text)
    if kind is FieldType.NUMBER:
        return float(text)
    if kind is FieldType.DATE:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text)


def parquet_stats(
    con: duckdb.DuckDBPyConnection, path: Path, types: Mapping[str, FieldType]
) -> tuple[int, dict[str, tuple[int, Any, Any]]]:
    """Row count and, per column, (null count, min, max) from the file's footer: no data is
    read. Min and max are given for the ordered types in `types` only."""
    rows = con.execute(
        "SELECT row_group_id, row_group_num_rows, path_in_schema, stats_null_count, "
        "stats_min_value, stats_max_value FROM parquet_metadata($path)",
        {"path": str(path)},
    ).fetchall()
    groups: dict[int, int] = {}
    stats: dict[str, tuple[int, Any, Any]] = {}
    for group, count, name, nulls, low, high in rows:
        groups[group] = count
        kind = types.get(name, FieldType.STRING)
        ordered = kind in ORDERED
        low, high = (_typed_value(low, kind), _typed_value(high, kind)) if ordered else (None, None)
        seen_nulls, seen_low, seen_high = stats.get(name, (0, None, None))
        stats[name] = (
            seen_nulls + int(nulls or 0),
            low if seen_low is None or (low is not None and low < seen_low) else seen_low,
            high if seen_high is None or (high is not None and high > seen_high) else seen_high,
        )
    return sum(groups.values()), stats


def rows_as_dicts(con: duckdb.DuckDBPyConnection, select: str) -> list[dict[str, Any]]:
    cursor = con.execute(select)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
