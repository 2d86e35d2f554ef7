"""File builders for the tabular engine tests: every file is made in the test's tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from satudata.engines.tabular import Options

Rows = Sequence[Sequence[Any]]


@pytest.fixture
def options(tmp_path_factory: pytest.TempPathFactory) -> Options:
    """Small limits; DuckDB spills outside the test's own folder, which tests inspect."""
    return Options(temp_dir=tmp_path_factory.mktemp("spill"), memory_limit="256MB", threads=2)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    def write(
        rows: Rows, name: str = "data.xlsx", merges: Sequence[str] = (), sheet: str = "Data"
    ) -> Path:
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = sheet
        for row in rows:
            ws.append(list(row))
        for cells in merges:
            ws.merge_cells(cells)
        path = tmp_path / name
        book.save(path)
        return path

    return write
