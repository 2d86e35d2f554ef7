"""A stored version in an open format: CSV, XLSX and JSON written by the tabular engine (which
guards CSV and XLSX cells against formula injection), Parquet as stored; a layer's version also
as GeoJSON and GeoPackage (its attributes with its shapes)."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

from satudata.apps.catalog.models import Dataset, Version
from satudata.engines import tabular
from satudata.engines.geo.exports import LAYER_FORMATS, export_layer
from satudata.platform import storage

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
FORMATS = tuple(MEDIA_TYPES)
LAYER_MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3"}
ALL_FORMATS = FORMATS + LAYER_FORMATS


def formats_for(version: Version | None) -> tuple[str, ...]:
    """The download formats of a version: a layer's adds GeoJSON and GeoPackage."""
    return ALL_FORMATS if version is not None and version.is_layer else FORMATS


def engine_options() -> tabular.Options:
    return tabular.Options(
        memory_limit=settings.DUCKDB_MEMORY_LIMIT,
        threads=settings.DUCKDB_THREADS,
        temp_dir=storage.staging_dir(),
    )


def stream(dataset: Dataset, version: Version, fmt: str) -> FileResponse:
    """The file of `version` in `fmt`, streamed; an export's temporary file is unlinked as soon
    as it is open, so nothing is left behind."""
    if fmt not in formats_for(version):
        raise Http404
    stored = storage.absolute(version.parquet_path)
    if fmt == "parquet":
        handle = stored.open("rb")
    else:
        with tempfile.TemporaryDirectory(dir=storage.staging_dir()) as folder:
            target = Path(folder) / f"export.{fmt}"
            if fmt in LAYER_FORMATS:
                export_layer(storage.absolute(version.geo["path"]), target, fmt, dataset.slug)
            else:
                tabular.export(stored, target, fmt, options=engine_options())
            handle = target.open("rb")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{dataset.slug}-v{version.number}.{fmt}",
        content_type={**MEDIA_TYPES, **LAYER_MEDIA_TYPES}[fmt],
    )
