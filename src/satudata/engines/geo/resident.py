"""Layer files kept in the process's DuckDB as tables with an R-tree on their shapes, so that a
box query reads only the features near the box instead of every row group whose bounding box
statistics meet it. A version's file never changes (a new version is a new file), so a table
is built once per process, on the first box query of the layer, and the least recently used
ones are dropped past `KEPT_FEATURES` features in all."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from satudata.engines.geo import layout
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.store import quote_ident

KEPT_FEATURES = 1_000_000  # about 250 MB of shapes and attributes at most, in each process
_LOCK = threading.Lock()
# (path, modification time and size of the file) → (table or None for a file read as it is,
# its features)
_TABLES: OrderedDict[tuple[str, int, int], tuple[str | None, int]] = OrderedDict()
_BUILDING: set[tuple[str, int, int]] = set()


def table(
    path: Path,
    features: int,
    columns: Sequence[str],
    connect: Callable[[], duckdb.DuckDBPyConnection],
) -> str | None:
    """The table that holds the layer file `path` (its `features` rows, `file_row_number`
    and the stored `columns` that a page shows: the shapes, the ids and the attributes), or
    None while another thread builds it, when the layer is larger than what is kept, or when
    it could not be built: the caller then reads the file."""
    found = path.stat()
    key = (str(path), found.st_mtime_ns, found.st_size)
    with _LOCK:
        if key in _TABLES:
            _TABLES.move_to_end(key)
            return _TABLES[key][0]
        if key in _BUILDING or features > KEPT_FEATURES:
            return None
        _BUILDING.add(key)
    name = "layer_" + hashlib.sha256(repr(key).encode()).hexdigest()[:24]
    try:
        _build(name, path, columns, connect)
    except duckdb.Error:
        name = None
    with _LOCK:
        _BUILDING.discard(key)
        _TABLES[key] = (name, features if name else 0)
        dropped = _evict()
    _drop(dropped, connect)
    return name


def _build(
    name: str, path: Path, columns: Sequence[str], connect: Callable[[], duckdb.DuckDBPyConnection]
) -> None:
    picked = ", ".join(quote_ident(c) for c in columns)
    con = connect()
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {name} AS SELECT file_row_number, {picked} "
            f"FROM read_parquet({literal(str(path))}, file_row_number = true)"
        )
        con.execute(f"CREATE INDEX {name}_shapes ON {name} USING RTREE ({layout.GEOMETRY})")
    finally:
        con.close()


def _evict() -> list[str]:
    """The tables to drop, least recently used first, until the kept ones fit (under _LOCK)."""
    dropped = []
    while sum(n for _name, n in _TABLES.values()) > KEPT_FEATURES:
        _key, (name, _n) = _TABLES.popitem(last=False)
        if name is not None:
            dropped.append(name)
    return dropped


def _drop(names: list[str], connect: Callable[[], duckdb.DuckDBPyConnection]) -> None:
    con = connect()
    try:
        for name in names:
            con.execute(f"DROP TABLE IF EXISTS {name}")
    finally:
        con.close()
