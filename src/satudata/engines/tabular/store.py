"""Write a version: Parquet (zstd) through a temporary file, fsync and atomic rename."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.model import Field

ROW_GROUP_SIZE = 122_880
ZSTD_LEVEL = 1  # a third faster to write than DuckDB's default level 3, files about as small
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
        f"COMPRESSION_LEVEL {ZSTD_LEVEL}, ROW_GROUP_SIZE {ROW_GROUP_SIZE}, "
        f"KV_METADATA {{satudata_fields: {metadata}}})"
    )


def rows_as_dicts(con: duckdb.DuckDBPyConnection, select: str) -> list[dict[str, Any]]:
    cursor = con.execute(select)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
