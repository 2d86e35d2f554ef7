"""Exports of posts and complaints (CSV, JSON Lines or a JSON array, XLSX) read into one layout.

A source's field mapping names the column (or, for JSON, the dotted path such as `user.name`)
that holds each field; only `text` is required. Every value is read as text, so identifiers
keep their leading zeros; times in the usual export formats (ISO 8601, `dd/mm/yyyy hh:mm`,
Unix seconds) become timestamps, counts become integers. Rows without text are skipped and
counted. Messages are msgids marked with `N_`, their values in `params`."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


FIELDS = ("id", "text", "time", "author", "url", "place", "likes", "shares")
REQUIRED = ("text",)
PREVIEW_ROWS = 5
MAX_TEXT = 5_000
TIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
)


class ReadError(ValueError):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Preview:
    columns: list[str]
    rows: list[list[str]]
    total: int


@dataclass(frozen=True)
class Read:
    table: pa.Table
    skipped: int
    bad_times: int
    warnings: list[ReadError] = field(default_factory=list)


def kind_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "json"
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return "xlsx"
    raise ReadError(
        N_("“%(filename)s” is not a CSV, JSON Lines or XLSX export."), filename=filename
    )


def _flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        elif value is not None:
            flat[name] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return flat


def _json_records(path: Path) -> Iterator[dict[str, str]]:
    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        if start == b"[":
            items = json.loads(path.read_text(encoding="utf-8-sig"))
            yield from (_flatten(item) for item in items if isinstance(item, Mapping))
            return
        with path.open(encoding="utf-8-sig") as handle:
            for line in handle:
                if line.strip():
                    item = json.loads(line)
                    if isinstance(item, Mapping):
                        yield _flatten(item)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ReadError(
            N_("The JSON cannot be read: %(reason)s. Export one JSON object per line."),
            reason=str(error)[:120],
        ) from error


def _frame(path: Path, filename: str) -> pl.DataFrame:
    kind = kind_of(filename)
    if kind == "json":
        records = list(_json_records(path))
        columns = sorted({key for record in records for key in record})
        return pl.DataFrame(
            {c: [r.get(c) for r in records] for c in columns},
            schema=dict.fromkeys(columns, pl.String),
        )
    if kind == "xlsx":
        try:
            frame = pl.read_excel(path, engine="calamine", infer_schema_length=0)
        except Exception as error:  # calamine raises its own types for broken files
            raise ReadError(
                N_("The workbook cannot be read: %(reason)s."), reason=str(error)[:120]
            ) from error
        return frame.select(pl.all().cast(pl.String))
    con = duckdb.connect()
    try:
        relation = con.read_csv(str(path), all_varchar=True, header=True)
        return relation.pl()
    except duckdb.Error as error:
        raise ReadError(
            N_("The CSV cannot be read: %(reason)s."), reason=str(error).splitlines()[0][:120]
        ) from error
    finally:
        con.close()


def preview(path: Path, filename: str) -> Preview:
    """The export's column names (JSON: dotted paths) and its first rows, for the mapping form."""
    frame = _frame(path, filename)
    head = frame.head(PREVIEW_ROWS)
    rows = [["" if v is None else str(v)[:200] for v in row] for row in head.iter_rows()]
    return Preview(list(frame.columns), rows, frame.height)


def _time(column: pl.Expr) -> pl.Expr:
    text = (
        column.str.strip_chars()
        .str.replace(r"(Z|[+-]\d{2}:?\d{2})$", "")
        .str.replace(r"(\d{2}:\d{2}:\d{2})\.\d+$", "$1")
    )
    parsed = [text.str.strptime(pl.Datetime, fmt, strict=False) for fmt in TIME_FORMATS]
    epoch = pl.from_epoch(text.cast(pl.Int64, strict=False), time_unit="s")
    return pl.coalesce([*parsed, epoch])


def _count(column: pl.Expr) -> pl.Expr:
    digits = column.str.replace_all(r"[^0-9]", "")
    return digits.cast(pl.Int64, strict=False).fill_null(0)


def read(path: Path, filename: str, mapping: Mapping[str, str]) -> Read:
    """The posts of the export in the layout `FIELDS`, as an Arrow table."""
    for name in REQUIRED:
        if not mapping.get(name):
            raise ReadError(N_("Choose the column that holds the %(field)s."), field=name)
    frame = _frame(path, filename)
    missing = [c for c in mapping.values() if c and c not in frame.columns]
    if missing:
        raise ReadError(
            N_("The export has no column “%(column)s”. Its columns: %(columns)s."),
            column=missing[0],
            columns=", ".join(frame.columns[:40]),
        )

    def source(name: str) -> pl.Expr:
        column = mapping.get(name)
        return pl.col(column) if column else pl.lit(None, dtype=pl.String)

    shaped = frame.with_row_index("__row", offset=1).select(
        pl.coalesce([source("id"), pl.col("__row").cast(pl.String)]).alias("id"),
        source("text").str.strip_chars().str.slice(0, MAX_TEXT).alias("text"),
        source("time").alias("time_text"),
        source("author").alias("author"),
        source("url").alias("url"),
        source("place").alias("place"),
        _count(source("likes")).alias("likes"),
        _count(source("shares")).alias("shares"),
    )
    kept = shaped.filter(pl.col("text").is_not_null() & (pl.col("text") != ""))
    kept = kept.with_columns(_time(pl.col("time_text")).alias("time"))
    bad_times = kept.filter(pl.col("time").is_null() & pl.col("time_text").is_not_null()).height
    kept = kept.drop("time_text").unique(subset=["id"], keep="first", maintain_order=True)
    table = kept.select(FIELDS).to_arrow()
    warnings = []
    if bad_times:
        warnings.append(
            ReadError(
                N_("%(count)s time value(s) could not be read and were left empty."),
                count=bad_times,
            )
        )
    return Read(table, shaped.height - kept.height, bad_times, warnings)
