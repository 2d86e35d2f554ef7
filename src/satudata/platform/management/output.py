"""Plain-text tables for the command line."""

from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def moment(value: datetime | None) -> str:
    """A time in the site's time zone, to the minute; empty when there is none."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
