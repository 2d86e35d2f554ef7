"""Read delimited text: encoding, delimiter and quote detection, then DuckDB `read_csv`.

Ragged rows (too many or too few fields) do not stop the read: DuckDB rejects them with their
record number, the rest is loaded, and each rejected row becomes a problem.
"""

# SQL here is built only from generated names, quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from satudata.engines.tabular.casts import literal

SAMPLE_BYTES = 1024 * 1024
CHUNK = 4 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
GRID_ROWS = 60
SCORE_ROWS = 200
GLOB_CHARACTERS = frozenset("*?[{")


@dataclass(frozen=True, slots=True)
class Dialect:
    encoding: str
    delimiter: str
    quote: str


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("satudata-latin1", _latin1_fallback)


def detect_encoding(path: Path) -> str:
    """'utf-8', 'utf-8-sig', 'utf-16' (from a BOM) or 'cp1252' when the first megabyte is not
    UTF-8. (Bytes further on are checked by DuckDB while reading: see `invalid_encoding`.)"""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"


def invalid_encoding(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether DuckDB rejected records of the last read as not UTF-8."""
    row = con.execute(
        "SELECT count(*) FROM rejects WHERE error_type = 'INVALID ENCODING'"
    ).fetchone()
    return bool(row and row[0])


def read_sample(path: Path, encoding: str) -> str:
    """The first megabyte as text, cut after its last complete line."""
    with path.open("rb") as handle:
        data = handle.read(SAMPLE_BYTES)
        more = bool(handle.read(1))
    text = data.decode(encoding, errors="satudata-latin1" if encoding == "cp1252" else "replace")
    text = text.removeprefix("\ufeff")
    if more and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    return text


def _records(text: str, delimiter: str, quote: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar=quote, strict=False)
    try:
        return list(itertools.islice(reader, limit))
    except csv.Error:
        return []


def _score(text: str, delimiter: str, quote: str) -> tuple[float, int]:
    """Share of non-blank records having the most common field count (of two or more)."""
    records = _records(text, delimiter, quote, SCORE_ROWS)
    counts = [len(r) for r in records if any(f.strip() for f in r)]
    several = [n for n in counts if n >= 2]
    if not several:
        return 0.0, 0
    mode, freq = Counter(several).most_common(1)[0]
    return freq / len(counts), mode


def sniff_dialect(text: str, encoding: str, extension: str) -> Dialect:
    """Pick the delimiter that splits the sample into the most consistent number of fields."""
    lines = text[:200_000]
    best = max(DELIMITERS, key=lambda d: (*_score(text, d, '"'), d == "\t" and extension == ".tsv"))
    if _score(text, best, '"')[1] == 0:
        best = "\t" if extension == ".tsv" else ","
    single = lines.count(f"{best}'") + lines.count("\n'") + int(lines.startswith("'"))
    double = lines.count(f'{best}"') + lines.count('\n"') + int(lines.startswith('"'))
    quote = "'" if single > double and single > 0 else '"'
    return Dialect(encoding=encoding, delimiter=best, quote=quote)


def grid(text: str, dialect: Dialect, rows: int = GRID_ROWS) -> list[list[str | None]]:
    """The first records of the sample as cleaned cells (None when empty)."""
    records = _records(text, dialect.delimiter, dialect.quote, rows)
    return [[(cell.strip() or None) for cell in record] for record in records]


def field_mode(sample: list[list[str | None]], start: int) -> int:
    counts = Counter(len(r) for r in sample[start:] if any(r))
    return counts.most_common(1)[0][0] if counts else 0


@contextlib.contextmanager
def utf8_copy(path: Path, encoding: str, temp_dir: Path) -> Iterator[Path]:
    """`path` itself when DuckDB can read it, else a streamed UTF-8 copy removed afterwards."""
    if encoding in ("utf-8", "utf-8-sig"):
        yield path
        return
    errors = "satudata-latin1" if encoding == "cp1252" else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    temp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(suffix=".csv", dir=temp_dir)
    copy = Path(name)
    try:
        with path.open("rb") as source, os.fdopen(fd, "wb") as target:
            while chunk := source.read(CHUNK):
                target.write(decoder.decode(chunk).encode("utf-8"))
            target.write(decoder.decode(b"", final=True).encode("utf-8"))
        yield copy
    finally:
        copy.unlink(missing_ok=True)


def load(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    dialect: Dialect,
    skip: int,
    width: int,
    limit: int | None = None,
) -> None:
    """Create table `raw` (text columns c0..c<width-1>) from the records after `skip`, and
    table `rejects` (DuckDB's) with the records that did not have `width` fields."""
    columns = "{" + ", ".join(f"'c{j}': 'VARCHAR'" for j in range(width)) + "}"
    quote = literal(dialect.quote)
    source = (
        f"read_csv({literal(str(path))}, header=false, skip={skip}, auto_detect=false, "
        f"delim={literal(dialect.delimiter)}, quote={quote}, escape={quote}, columns={columns}, "
        "ignore_errors=true, store_rejects=true, rejects_table='rejects', "
        "rejects_scan='reject_scans', max_line_size=10000000)"
    )
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    for table in ("raw", "rejects", "reject_scans"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(f"CREATE TABLE raw AS SELECT * FROM {source}{tail}")


def blank_lines(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    after: int,
    quote: str = '"',
    records: int | None = None,
) -> list[int]:
    """The 1-based numbers of the empty lines after line `after`. DuckDB's `read_csv` skips
    them without a trace, so the rows below them are numbered by them. Most files have none,
    which one search of the whole text shows faster than reading it line by line.

    When only the first `records` records after line `after` were read (a read with a limit),
    only the lines up to them are looked at, unless a quoted value may go over a line end."""
    if records is not None:
        found = _blank_lines_up_to(path, after, quote.encode(), records)
        if found is not None:
            return found
    if not _may_have_blank_lines(con, path):
        return []
    with path.open("rb") as handle:
        return [
            number
            for number, line in enumerate(handle, start=1)
            if number > after and line in (b"\n", b"\r\n")
        ]


def _blank_lines_up_to(path: Path, after: int, quote: bytes, records: int) -> list[int] | None:
    """The empty lines after line `after` up to its `records`-th filled line, or None when a
    line holds an odd number of quotes (its record may go on over the next lines)."""
    found: list[int] = []
    filled = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.count(quote) % 2:
                return None
            if number <= after:
                continue
            if line in (b"\n", b"\r\n"):
                found.append(number)
                continue
            filled += 1
            if filled >= records:
                break
    return found


def _may_have_blank_lines(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """False when DuckDB finds no empty line in the file read as one text. A file it cannot
    read so (not UTF-8, too large for its memory, a name it would read as a pattern) may."""
    if GLOB_CHARACTERS.intersection(str(path)):
        return True
    newline, crlf = "chr(10)", "chr(13) || chr(10)"
    try:
        row = con.execute(
            f"SELECT prefix(content, {newline}) OR prefix(content, {crlf}) "
            f"OR contains(content, {newline} || {newline}) "
            f"OR contains(content, {newline} || {crlf}) FROM read_text($path)",
            {"path": str(path)},
        ).fetchone()
    except duckdb.Error:
        return True
    return bool(row and row[0])


def fields(text: str, dialect: Dialect) -> list[str]:
    """The fields of one record's text."""
    return next(iter(_records(text, dialect.delimiter, dialect.quote, 1)), [])
