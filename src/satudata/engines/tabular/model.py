"""The dataclasses the tabular engine takes and returns."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from satudata.engines.tabular.problems import Problem, ProblemCount, Severity

Progress = Callable[[float, str], None]

MB = 1024 * 1024


class FieldType(StrEnum):
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    STRING = "string"


ORDERED = frozenset({FieldType.INTEGER, FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME})


class Role(StrEnum):
    """What an identifier column holds, for callers that treat them specially (personal data)."""

    NIK = "nik"
    KK = "kk"
    KODE_WILAYAH = "kode_wilayah"


@dataclass(frozen=True, slots=True)
class Options:
    """Limits and resources for reading one upload."""

    max_bytes: int = 200 * MB
    max_uncompressed: int = 1024 * MB
    max_ratio: int = 200
    memory_limit: str = "1GB"
    threads: int = 2
    max_problems: int = 1000
    sample_rows: int = 2_000
    temp_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A target field of a data standard (Frictionless Table Schema in spirit).

    `codes` is the code list: a set of allowed codes, or a mapping code -> label (labels show
    in templates). `enum` is a short list of allowed values written as text and compared with
    the typed value (Table Schema's `enum` constraint). `minimum`/`maximum` compare with the
    typed value.
    """

    name: str
    type: FieldType = FieldType.STRING
    title: str | None = None
    description: str = ""
    unit: str = ""
    required: bool = False
    unique: bool = False
    codes: Collection[str] | Mapping[str, str] | None = None
    minimum: Any = None
    maximum: Any = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a version: `title` is the header as the user wrote it."""

    name: str
    title: str
    type: FieldType
    role: Role | None = None
    nullable: bool = True
    null_count: int | None = None
    distinct_count: int | None = None
    min: Any = None
    max: Any = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Field:
        """A field from its stored form (e.g. `dataclasses.asdict` kept as JSON)."""
        role = data.get("role")
        return cls(
            name=data["name"],
            title=data.get("title") or data["name"],
            type=FieldType(data.get("type", FieldType.STRING)),
            role=Role(role) if role else None,
            nullable=bool(data.get("nullable", True)),
            null_count=data.get("null_count"),
            distinct_count=data.get("distinct_count"),
            min=data.get("min"),
            max=data.get("max"),
        )


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    visible: bool


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """How the upload was read; `header_rows` and `data_start_row` are 1-based sheet rows."""

    format: str
    filename: str
    size: int
    encoding: str | None = None
    delimiter: str | None = None
    quote: str | None = None
    sheets: tuple[SheetInfo, ...] = ()
    sheet: str | None = None
    header_rows: tuple[int, ...] = ()
    data_start_row: int = 2
    decimal: str = "comma"
    title: str | None = None
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Inspection:
    """What `inspect` sees, for the preview page before anything is written."""

    source: SourceInfo
    fields: list[Field]
    preview: list[dict[str, Any]]
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """The outcome of `ingest`: a Parquet version at `path` when `ok`, otherwise none."""

    ok: bool
    source: SourceInfo
    fields: list[Field]
    row_count: int
    problems: list[Problem]
    counts: list[ProblemCount]
    preview: list[dict[str, Any]]
    path: Path | None = None
    checksum: str | None = None
    size: int | None = None

    @property
    def error_count(self) -> int:
        return sum(c.count for c in self.counts if c.severity is Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(c.count for c in self.counts if c.severity is Severity.WARNING)


@dataclass(frozen=True, slots=True)
class ColumnChange:
    name: str
    old_type: FieldType
    new_type: FieldType


@dataclass(frozen=True, slots=True)
class RowChange:
    """One changed row: the key value and the changed columns before and after."""

    key: Any
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DiffResult:
    columns_added: list[str]
    columns_removed: list[str]
    columns_retyped: list[ColumnChange]
    key: str | None
    rows_added: int
    rows_removed: int
    rows_changed: int
    rows_unchanged: int
    samples: list[RowChange]
