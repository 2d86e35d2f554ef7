"""Tabular engine: turn a messy upload (CSV/TSV/TXT, XLSX, XLS, ODS) into a validated, typed,
immutable Parquet version, or into precise problems the user can act on.

- `inspect(path)` -> `Inspection`: format, sheets, encoding, delimiter, decimal convention,
  header rows, inferred fields and the first rows; nothing is written.
- `ingest(path, target, schema=..., mapping=..., progress=...)` -> `IngestResult`: writes
  `target` (Parquet, zstd, atomically) only when no problem is an error.
- `write_report(result, path, target, tr=...)`: the problems as a workbook for the uploader.
- `diff_versions(old, new, old_fields, new_fields)` -> `DiffResult`.
- `export(parquet, target, "csv" | "xlsx" | "json" | "ndjson", columns=..., limit=...)`.
- `write_template(fields, target, tr=...)`: an Excel data-entry template for a standard.

Files that cannot be read raise a `TabularError` subclass whose `problem` says why. Messages are
English gettext msgids marked with `N_`; pass `tr` (e.g. Django's gettext) to translate them.
"""

from satudata.engines.tabular.diff import diff_versions
from satudata.engines.tabular.exports import ExportFormat, export
from satudata.engines.tabular.header import normalise_name
from satudata.engines.tabular.model import (
    ColumnChange,
    DiffResult,
    Field,
    FieldSpec,
    FieldType,
    IngestResult,
    Inspection,
    Options,
    Progress,
    Role,
    RowChange,
    SheetInfo,
    SourceInfo,
)
from satudata.engines.tabular.pipeline import ingest, inspect
from satudata.engines.tabular.problems import (
    N_,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    MacroFileError,
    NoDataError,
    Problem,
    ProblemCount,
    Severity,
    SheetNotFoundError,
    TabularError,
    Translate,
    UnsupportedFormatError,
    ZipBombError,
)
from satudata.engines.tabular.report import write_report
from satudata.engines.tabular.template import write_template

__all__ = [
    "N_",
    "ColumnChange",
    "CorruptFileError",
    "DiffResult",
    "EmptyFileError",
    "EncryptedFileError",
    "ExportFormat",
    "Field",
    "FieldSpec",
    "FieldType",
    "FileTooLargeError",
    "IngestResult",
    "Inspection",
    "MacroFileError",
    "NoDataError",
    "Options",
    "Problem",
    "ProblemCount",
    "Progress",
    "Role",
    "RowChange",
    "Severity",
    "SheetInfo",
    "SheetNotFoundError",
    "SourceInfo",
    "TabularError",
    "Translate",
    "UnsupportedFormatError",
    "ZipBombError",
    "diff_versions",
    "export",
    "ingest",
    "inspect",
    "normalise_name",
    "write_report",
    "write_template",
]
