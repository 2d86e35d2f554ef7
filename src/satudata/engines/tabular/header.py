"""Find the header in the first rows of a sheet: skip title rows, flatten two-row headers.

Works on a small grid of cleaned cells (None for empty). A table row is a row with at least two
cells filled (or about half the table's width); rows above the first one are the title. The row
below the header is a second header row when it is all text and fills cells the header left empty
(merged parent cells keep their value in the first column only). A row numbering the columns
"(1) (2) (3)" below the header, as in BPS tables, is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

Grid = Sequence[Sequence[str | None]]

NUMBERISH = re.compile(r"^[+-]?(rp\.?\s*)?[\d.,]+%?$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", re.I)
NUMBERING = re.compile(r"^\((\d{1,3})\)$")
MAX_HEADER_ROWS = 3


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the header is (0-based indices into the grid) and what its columns say."""

    header_rows: tuple[int, ...]
    data_start: int
    titles: tuple[str, ...]
    caption: str | None


def _filled(row: Sequence[str | None]) -> list[int]:
    return [j for j, cell in enumerate(row) if cell]


def _is_text(cell: str) -> bool:
    return not NUMBERISH.match(cell)


def _is_numbering(row: Sequence[str | None]) -> bool:
    cells = [c for c in row if c]
    if len(cells) < 2:
        return False
    numbers = [NUMBERING.match(c) for c in cells]
    if not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers if m]
    return values == list(range(values[0], values[0] + len(values))) and values[0] in (0, 1)


def _cell(row: Sequence[str | None], j: int) -> str:
    return (row[j] if j < len(row) else None) or ""


def _is_child_row(parent: Sequence[str | None], child: Sequence[str | None]) -> bool:
    """True when `child` looks like the lower row of a merged header above it: all text, empty
    under some parent cells, and filled to the right of a parent cell whose own column it fills."""
    cells = _filled(child)
    if not cells or not all(_is_text(child[j] or "") for j in cells):
        return False
    leaves_gap = any(not _cell(child, j) for j in _filled(parent))
    spanning = fills_span = False
    for j in range(max(len(parent), len(child))):
        above, here = _cell(parent, j), _cell(child, j)
        if above:
            spanning = bool(here)
        elif here and spanning:
            fills_span = True
        elif not here:
            spanning = False
    return fills_span and leaves_gap


def flatten(rows: Sequence[Sequence[str | None]], width: int) -> tuple[str, ...]:
    """Join header rows into one title per column: "Jumlah Penduduk / Laki-laki".

    A parent cell's value is carried right over the empty cells that follow it for as long as
    the lowest header row has values there (the span of a merged cell) and no parent above
    starts a new span.
    """
    grid = [[_cell(row, j) for j in range(width)] for row in rows]
    leaf = grid[-1]
    starts = [False] * width
    levels: list[list[str]] = []
    for cells in grid[:-1]:
        out = list(cells)
        carried, spanning = "", False
        for j in range(width):
            if cells[j]:
                carried, spanning = cells[j], bool(leaf[j])
            elif spanning and leaf[j] and not starts[j]:
                out[j] = carried
            else:
                carried, spanning = "", False
        starts = [s or bool(c) for s, c in zip(starts, cells, strict=True)]
        levels.append(out)
    levels.append(leaf)
    titles = []
    for j in range(width):
        parts: list[str] = []
        for level in levels:
            if level[j] and (not parts or parts[-1] != level[j]):
                parts.append(level[j])
        titles.append(" / ".join(parts))
    return tuple(titles)


def detect_layout(grid: Grid) -> Layout | None:
    """Find the header rows in the first rows of a table; None when there is no table."""
    counts = [len(_filled(row)) for row in grid]
    if not any(counts):
        return None
    widest = max(counts)
    needed = max(min(2, widest), -(-widest * 2 // 5))
    start = next(i for i, n in enumerate(counts) if n >= needed)
    header = [start]
    while len(header) < MAX_HEADER_ROWS and header[-1] + 1 < len(grid):
        nxt = header[-1] + 1
        if not _is_child_row(grid[header[-1]], grid[nxt]):
            break
        header.append(nxt)
    data_start = header[-1] + 1
    if data_start < len(grid) and _is_numbering(grid[data_start]):
        data_start += 1
    width = max((j + 1 for row in grid[start:] for j in _filled(row)), default=0)
    titles = flatten([grid[i] for i in header], width)
    above = [" ".join(c for c in grid[i] if c) for i in range(start) if counts[i]]
    return Layout(
        header_rows=tuple(header),
        data_start=data_start,
        titles=titles,
        caption=" ".join(above) or None,
    )


def normalise_name(text: str) -> str:
    """Lowercase ASCII snake case: "Jumlah Penduduk / Laki-laki" -> "jumlah_penduduk_laki_laki"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def unique_names(titles: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
    """Column names from titles: empty ones become `kolom_<n>`, repeats get `_2`, `_3`.

    Returns the names, the indices of empty titles and the indices of duplicated titles.
    """
    names: list[str] = []
    empty: list[int] = []
    duplicated: list[int] = []
    seen: Counter[str] = Counter()
    taken = {normalise_name(t) for t in titles if normalise_name(t)}
    for j, title in enumerate(titles):
        base = normalise_name(title)
        if not base:
            empty.append(j)
            base = f"kolom_{j + 1}"
        seen[base] += 1
        name = base
        if seen[base] > 1:
            duplicated.append(j)
            suffix = seen[base]
            while f"{base}_{suffix}" in taken:
                suffix += 1
            name = f"{base}_{suffix}"
        taken.add(name)
        names.append(name)
    return names, empty, duplicated
