"""One way to open DuckDB: nothing installed from the network, bounded memory and threads,
extensions loaded from their wheels."""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb

KNOWN_EXTENSIONS = frozenset({"spatial", "fts", "excel"})


def extension_path(name: str) -> Path:
    """The extension file shipped by the `duckdb_extension_<name>` wheel for this DuckDB version."""
    if name not in KNOWN_EXTENSIONS:
        raise ValueError(f"unknown DuckDB extension {name!r}")
    package = importlib.import_module(f"duckdb_extension_{name}")
    folder = Path(next(iter(package.__path__)))
    path = folder / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load one extension into `con` from its wheel (never downloaded)."""
    loaded = con.execute(
        "SELECT count(*) FROM duckdb_extensions() WHERE extension_name = ? AND loaded", [name]
    ).fetchone()
    if loaded and loaded[0]:
        return
    path = str(extension_path(name)).replace("'", "''")
    con.execute(f"LOAD '{path}'")


def connect(
    *,
    memory_limit: str = "1GB",
    threads: int = 2,
    extensions: Iterable[str] = (),
    temp_directory: str | Path | None = None,
    database: str = ":memory:",
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection that installs nothing, spills to `temp_directory` and loads
    only the `extensions` asked for (`spatial`, `fts`, `excel`)."""
    spill = (
        Path(temp_directory) if temp_directory else Path(tempfile.gettempdir()) / "satudata-duckdb"
    )
    spill.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        database,
        config={
            "autoinstall_known_extensions": "false",
            "autoload_known_extensions": "false",
            "memory_limit": memory_limit,
            "threads": threads,
            "temp_directory": str(spill),
        },
    )
    for name in extensions:
        load_extension(con, name)
    return con
