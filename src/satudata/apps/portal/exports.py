"""A stored version in an open format: CSV, XLSX and JSON written by the tabular engine (which
guards CSV and XLSX cells against formula injection), Parquet as stored."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

from satudata.apps.catalog.models import Dataset, Version
from satudata.engines import tabular
from satudata.platform import storage

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
FORMATS = tuple(MEDIA_TYPES)


def engine_options() -> tabular.Options:
    return tabular.Options(
        memory_limit=settings.DUCKDB_MEMORY_LIMIT,
        threads=settings.DUCKDB_THREADS,
        temp_dir=storage.staging_dir(),
    )


def stream(dataset: Dataset, version: Version, fmt: str) -> FileResponse:
    """The file of `version` in `fmt`, streamed; an export's temporary file is unlinked as soon
    as it is open, so nothing is left behind."""
    stored = storage.absolute(version.parquet_path)
    if fmt == "parquet":
        handle = stored.open("rb")
    else:
        with tempfile.TemporaryDirectory(dir=storage.staging_dir()) as folder:
            target = Path(folder) / f"export.{fmt}"
            tabular.export(stored, target, fmt, options=engine_options())
            handle = target.open("rb")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{dataset.slug}-v{version.number}.{fmt}",
        content_type=MEDIA_TYPES[fmt],
    )
