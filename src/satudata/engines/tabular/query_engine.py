"""Run structured queries (`query.QuerySpec`) on version files and stream their results.

One DuckDB database per process (opened lazily, again after a fork) with one cursor per thread;
Parquet footers are cached, and so are the pages of identical queries, since versions never
change. With a `cache_dir`, each version queried is also copied once, in a background thread,
into a DuckDB database file there (several times faster to filter and sort than zstd Parquet),
stored in the order of its area code (else its first date), so that the zone maps of a filter on
the area or the period skip most of the file; rows keep their file order for unsorted queries.
Queries read the Parquet file until the copy is ready, then the copy, attached read-only.
A timer interrupts a query that runs past its time limit (`QueryTimeout`). Exports stream
record batches (CSV, JSON) or a temporary file (XLSX in constant memory, Parquet) in chunks, so
memory does not grow with the size of the result.
"""

# SQL here is built from quote_ident() identifiers, literal() paths and `?` parameters only.
# ruff: noqa: S608

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv

from satudata.engines import duck
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.exports import _xlsx, guard_sql
from satudata.engines.tabular.model import Field, FieldType, Role
from satudata.engines.tabular.query import (
    QueryResult,
    QuerySpec,
    QueryTimeout,
    check_spec,
    compile_filters,
    field_map,
    output_columns,
    select_sql,
)
from satudata.engines.tabular.store import quote_ident

BATCH_ROWS = 20_000
CHUNK_BYTES = 1024 * 1024


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    PARQUET = "parquet"


def source_sql(path: Path) -> str:
    return f"read_parquet({literal(str(path))}, file_row_number = true)"


def cluster_column(fields: Sequence[Field]) -> str | None:
    """The column a query copy is stored in order of: the area code (most filters name an area),
    else the first date (the period)."""
    for field in fields:
        if field.role is Role.KODE_WILAYAH:
            return field.name
    for field in fields:
        if field.type in (FieldType.DATE, FieldType.DATETIME):
            return field.name
    return None


@contextlib.contextmanager
def deadline(cursor: duckdb.DuckDBPyConnection, seconds: float | None) -> Iterator[None]:
    """Interrupt what `cursor` runs after `seconds`; raise `QueryTimeout` when that happened."""
    if not seconds:
        yield
        return
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        cursor.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    except duckdb.InterruptException as exc:
        raise QueryTimeout(seconds) from exc
    finally:
        timer.cancel()


class QueryEngine:
    """Queries version files; safe to share between the threads of a process."""

    def __init__(
        self,
        *,
        threads: int = 2,
        memory_limit: str = "1GB",
        temp_dir: Path | None = None,
        cache_size: int = 256,
        cache_dir: Path | None = None,
    ) -> None:
        self.threads = threads
        self.memory_limit = memory_limit
        self.temp_dir = temp_dir or Path(tempfile.gettempdir())
        self.cache_size = cache_size
        self.cache_dir = cache_dir
        self._tables: dict[str, str] = {}
        self._building: set[str] = set()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._root: duckdb.DuckDBPyConnection | None = None
        self._pid = 0
        self._cache: OrderedDict[tuple[str, QuerySpec], QueryResult] = OrderedDict()

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The process's database, opened on first use and again in a forked child."""
        with self._lock:
            if self._root is None or self._pid != os.getpid():
                self._root = duck.connect(
                    memory_limit=self.memory_limit,
                    threads=self.threads,
                    temp_directory=self.temp_dir / "satudata-duckdb",
                )
                self._root.execute("SET GLOBAL parquet_metadata_cache = true")
                self._pid = os.getpid()
                self._cache.clear()
                self._tables.clear()
                self._building.clear()
            return self._root

    def source(self, path: Path, fields: Sequence[Field] = ()) -> str:
        """The relation to read the version at `path` from: its DuckDB copy when ready."""
        key = str(path)
        if self.cache_dir is None:
            return source_sql(path)
        root = self.connection()
        with self._lock:
            if key in self._tables:
                return self._tables[key]
            copy = self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.duckdb"
            if copy.exists():
                alias = f"v_{copy.stem}"
                root.execute(f"ATTACH {literal(str(copy))} AS {alias} (READ_ONLY)")
                self._tables[key] = f"{alias}.data"
                return self._tables[key]
            if key not in self._building:
                self._building.add(key)
                cluster = cluster_column(fields)
                threading.Thread(target=self._copy, args=(path, copy, cluster), daemon=True).start()
        return source_sql(path)

    def _copy(self, path: Path, copy: Path, cluster: str | None) -> None:
        """Build the copy, unless another process is building it already (then the copy is
        attached once it exists, or built here on a later query if that process gave up)."""
        copy.parent.mkdir(parents=True, exist_ok=True)
        with copy.with_suffix(".lock").open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._forget(path)
                return
            if not copy.exists():
                self._write_copy(path, copy, cluster)

    def _write_copy(self, path: Path, copy: Path, cluster: str | None) -> None:
        fd, name = tempfile.mkstemp(prefix=f".{copy.stem}.", suffix=".tmp", dir=copy.parent)
        os.close(fd)
        Path(name).unlink()
        try:
            con = duck.connect(
                database=name,
                memory_limit=self.memory_limit,
                threads=1,
                temp_directory=self.temp_dir / "satudata-duckdb",
            )
            try:
                order = f" ORDER BY {quote_ident(cluster)}, file_row_number" if cluster else ""
                con.execute(f"CREATE TABLE data AS SELECT * FROM {source_sql(path)}{order}")
            finally:
                con.close()
            Path(name).replace(copy)
        except (duckdb.Error, OSError):
            self._forget(path)
        finally:
            Path(name).unlink(missing_ok=True)

    def _forget(self, path: Path) -> None:
        with self._lock:
            self._building.discard(str(path))

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the process's database."""
        root = self.connection()
        local = self._local
        if getattr(local, "root", None) is not root:
            local.cursor = root.cursor()
            local.root = root
        return local.cursor

    def _cached(self, key: tuple[str, QuerySpec]) -> QueryResult | None:
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
            return found

    def _remember(self, key: tuple[str, QuerySpec], result: QueryResult) -> None:
        if self.cache_size <= 0:
            return
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def run(
        self, path: Path, fields: Sequence[Field], spec: QuerySpec, timeout: float | None = 5.0
    ) -> QueryResult:
        """One page of the result of `spec` on the version at `path`, with the total count."""
        fmap = field_map(fields)
        check_spec(fmap, spec)
        key = (str(path), spec)
        if (hit := self._cached(key)) is not None:
            return replace(hit, cached=True, elapsed_ms=0.0)
        compiled = compile_filters(fmap, spec.filters)
        source = self.source(path, fields)
        sql = select_sql(fmap, spec, compiled, source)
        page = [spec.per_page, spec.offset]
        cursor = self.cursor()
        start = time.perf_counter()
        with deadline(cursor, timeout):
            if spec.grouped:
                rows = cursor.execute(
                    f"WITH result AS MATERIALIZED ({sql}) SELECT *, "
                    "(SELECT count(*) FROM result) AS __total FROM result LIMIT ? OFFSET ?",
                    [*compiled.params, *page],
                ).fetchall()
                if rows:
                    total = int(rows[0][-1])
                    rows = [row[:-1] for row in rows]
                else:
                    total = self._count(cursor, f"SELECT 1 FROM ({sql})", compiled.params)
            else:
                rows = cursor.execute(
                    f"{sql} LIMIT ? OFFSET ?", [*compiled.params, *page]
                ).fetchall()
                count_sql = f"SELECT 1 FROM {source} WHERE {compiled.where}"
                total = self._count(cursor, count_sql, compiled.params)
        result = QueryResult(
            columns=output_columns(fmap, spec),
            rows=rows,
            total=total,
            page=spec.page,
            per_page=spec.per_page,
            grouped=spec.grouped,
            elapsed_ms=round((time.perf_counter() - start) * 1000, 1),
        )
        self._remember(key, result)
        return result

    @staticmethod
    def _count(cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> int:
        found = cursor.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        return int(found[0]) if found else 0

    def stream(
        self,
        path: Path,
        fields: Sequence[Field],
        spec: QuerySpec,
        fmt: ExportFormat | str,
        timeout: float | None = None,
    ) -> Iterator[bytes]:
        """The whole result of `spec` (every page) in `fmt`, as chunks of bytes. Problems with
        `spec` raise `QueryError` here, before the first chunk."""
        fmt = ExportFormat(fmt)
        fmap = field_map(fields)
        check_spec(fmap, replace(spec, page=1, per_page=1))
        compiled = compile_filters(fmap, spec.filters)
        guarded = fmt in (ExportFormat.CSV, ExportFormat.XLSX)
        sql = select_sql(
            fmap, spec, compiled, self.source(path, fields), guard_sql if guarded else None
        )
        return self._chunks(sql, compiled.params, fmt, timeout)

    def _chunks(
        self, sql: str, params: list[Any], fmt: ExportFormat, timeout: float | None
    ) -> Iterator[bytes]:
        cursor = self.connection().cursor()
        try:
            with deadline(cursor, timeout):
                if fmt is ExportFormat.CSV:
                    yield from _csv(cursor.execute(sql, params).to_arrow_reader(BATCH_ROWS))
                elif fmt is ExportFormat.JSON:
                    json_sql = f"SELECT to_json(q) FROM ({sql}) AS q"
                    yield from _json(cursor.execute(json_sql, params).to_arrow_reader(BATCH_ROWS))
                else:
                    yield from self._via_file(cursor, sql, params, fmt)
        finally:
            cursor.close()

    def _via_file(
        self, cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any], fmt: ExportFormat
    ) -> Iterator[bytes]:
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".export.", suffix=f".{fmt}", dir=self.temp_dir)
        os.close(fd)
        target = Path(name)
        try:
            if fmt is ExportFormat.XLSX:
                _xlsx(cursor.execute(sql, params).to_arrow_reader(BATCH_ROWS), target)
            else:
                cursor.execute(
                    f"COPY ({sql}) TO {literal(name)} (FORMAT parquet, COMPRESSION zstd)", params
                )
            with target.open("rb") as handle:
                while chunk := handle.read(CHUNK_BYTES):
                    yield chunk
        finally:
            target.unlink(missing_ok=True)


def _csv(batches: pa.RecordBatchReader) -> Iterator[bytes]:
    sink = io.BytesIO()
    options = pa_csv.WriteOptions(eol="\r\n", quoting_style="needed")
    with pa_csv.CSVWriter(sink, batches.schema, write_options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)
            yield sink.getvalue()
            sink.seek(0)
            sink.truncate()
    if tail := sink.getvalue():
        yield tail


def _json(batches: pa.RecordBatchReader) -> Iterator[bytes]:
    yield b"["
    first = True
    for batch in batches:
        texts = batch.column(0).to_pylist()
        if not texts:
            continue
        body = ",\n".join(texts)
        yield (body if first else ",\n" + body).encode("utf-8")
        first = False
    yield b"]\n"


DEFAULT = QueryEngine()


def run_query(
    path: Path,
    fields: Sequence[Field],
    spec: QuerySpec,
    timeout: float | None = 5.0,
    engine: QueryEngine | None = None,
) -> QueryResult:
    return (engine or DEFAULT).run(path, fields, spec, timeout)


def stream_export(
    path: Path,
    fields: Sequence[Field],
    spec: QuerySpec,
    fmt: ExportFormat | str,
    timeout: float | None = None,
    engine: QueryEngine | None = None,
) -> Iterator[bytes]:
    return (engine or DEFAULT).stream(path, fields, spec, fmt, timeout)
