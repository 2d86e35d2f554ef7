"""A DuckDB connection sized by `Options`, closed when the work is done."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb

from satudata.engines import duck
from satudata.engines.tabular.model import Options


@contextlib.contextmanager
def session(options: Options) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duck.connect(
        memory_limit=options.memory_limit,
        threads=options.threads,
        temp_directory=options.temp_dir / "satudata-duckdb",
    )
    try:
        yield con
    finally:
        con.close()
