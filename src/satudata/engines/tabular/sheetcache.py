"""Parsed sheets kept on disk, keyed by the workbook's content, so that a workbook is parsed once.

Parsing a sheet is most of the cost of reading a workbook. `inspect`, `ingest` and the problem
report of the same upload (and an `ingest` again with another column mapping) read the cells
of a sheet from here after the first read: an Arrow IPC file per sheet, with its formula
errors and column positions in the file's metadata. Entries are written atomically, found by
the SHA-256 of the workbook and the reader's version (so a changed file or reader never hits an
old entry), and removed a day after they were last written. An entry that cannot be read is
ignored and the sheet is parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import pyarrow as pa
import pyarrow.ipc as ipc

FOLDER = "satudata-sheets"
KEEP_SECONDS = 24 * 3600
META = b"satudata"


@dataclass(frozen=True, slots=True)
class Cached:
    """The cells of one sheet as text, its formula errors (row, column, value) and the sheet
    columns (0 = A) of the table's columns."""

    table: pa.Table
    errors: list[tuple[int, int, str]]
    positions: list[int]


class SheetCache:
    """The parsed sheets of one workbook, in `directory`."""

    def __init__(self, directory: Path, workbook: Path) -> None:
        self.directory = directory / FOLDER
        digest = hashlib.sha256()
        with workbook.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
        self.key = f"{digest.hexdigest()}-{fastexcel.__version__}"

    def _path(self, name: str) -> Path:
        return self.directory / f"{self.key}-{name}"

    def load(self, index: int) -> Cached | None:
        try:
            with pa.memory_map(str(self._path(f"{index}.arrow"))) as source:
                table = ipc.open_file(source).read_all()
        except (OSError, pa.ArrowInvalid):
            return None
        meta = json.loads((table.schema.metadata or {}).get(META, b"{}"))
        errors = [(int(r), int(c), str(v)) for r, c, v in meta.get("errors", [])]
        return Cached(table.replace_schema_metadata(None), errors, meta.get("positions", []))

    def save(self, index: int, cached: Cached) -> None:
        meta = json.dumps({"errors": cached.errors, "positions": cached.positions})
        table = cached.table.replace_schema_metadata({META: meta.encode()})
        with self._staged(f"{index}.arrow") as stage, ipc.new_file(str(stage), table.schema) as out:
            out.write_table(table)

    def load_numeric(self, index: int, start: int, rows: int) -> set[int] | None:
        """The table columns holding number cells in `rows` rows from sheet row `start`."""
        try:
            return set(json.loads(self._path(f"{index}-numeric-{start}-{rows}.json").read_text()))
        except (OSError, ValueError):
            return None

    def save_numeric(self, index: int, start: int, rows: int, columns: Sequence[int]) -> None:
        with self._staged(f"{index}-numeric-{start}-{rows}.json") as stage:
            stage.write_text(json.dumps(sorted(columns)))

    @contextlib.contextmanager
    def _staged(self, name: str) -> Iterator[Path]:
        """A temporary file that becomes entry `name` when the block ends without error; an
        entry that cannot be written is left out (the sheet is parsed again next time)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self._prune()
        fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.directory)
        os.close(fd)
        stage = Path(temp)
        try:
            yield stage
            stage.replace(self._path(name))
        except OSError:
            return
        finally:
            stage.unlink(missing_ok=True)

    def _prune(self) -> None:
        """Remove the entries written more than a day ago."""
        limit = time.time() - KEEP_SECONDS
        for entry in self.directory.iterdir():
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < limit:
                    entry.unlink()
