"""Layer uploads: a zipped Shapefile, a GeoPackage, GeoJSON, KML/KMZ or FlatGeobuf is read by
the geospatial engine (`engines.geo`) into two staged files, the layer's shapes as GeoParquet
and its attribute table as Parquet, with the geometry report as the upload's problems. A
checked table becomes a layer too, from its longitude and latitude or its kode wilayah. A
layer's version is then a version like a table's: the same pemeriksaan, access and downloads
of its attributes, plus its shapes for maps and the OGC services."""

from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.utils.translation import gettext_lazy

from satudata.apps.catalog.fields import plain
from satudata.apps.catalog.models import Upload, Version
from satudata.apps.geo.models import BaseLayer
from satudata.engines import geo
from satudata.engines.geo import from_table
from satudata.engines.geo.diff import diff_layers
from satudata.engines.geo.from_table import dotted_code, level_of
from satudata.engines.geo.model import TARGET_CRS
from satudata.engines.geo.source import FORMATS
from satudata.engines.tabular.problems import N_, Problem, Severity
from satudata.platform import storage

LAYER_EXTENSIONS = frozenset(FORMATS)
COORDINATE_SYSTEMS = (
    ("EPSG:4326", gettext_lazy("WGS 84 (longitude, latitude)")),
    ("EPSG:32748", gettext_lazy("WGS 84 / UTM zone 48S")),
    ("EPSG:23878", gettext_lazy("DGN95 / UTM zone 48S")),
    ("EPSG:9488", gettext_lazy("SRGI2013 / UTM zone 48S")),
    ("EPSG:4755", gettext_lazy("DGN95 (longitude, latitude)")),
    ("EPSG:9470", gettext_lazy("SRGI2013 (longitude, latitude)")),
)


def is_layer_file(name: str) -> bool:
    """Whether an upload of this name is read as a layer (by its extension)."""
    return Path(name).suffix.lower() in LAYER_EXTENSIONS


def _failed(upload: Upload, exc: geo.LayerError, source: Path, options: Any) -> Upload:
    upload.status = Upload.Status.FAILED
    upload.error = plain(exc.problem)
    if isinstance(exc, geo.LayerChoiceError):
        try:
            upload.sheets = geo.layers(source, filename=upload.source_name, options=options)
        except geo.LayerError:
            upload.sheets = []
    upload.save(update_fields=["status", "error", "sheets"])
    return upload


def layer_info(result: geo.LayerResult) -> dict[str, Any]:
    """What a layer's version keeps of its ingest: the shapes' file facts, the source layer and
    coordinate system, the kind of geometry, the extent and the geometry report."""
    found, report = result.source, result.report
    return {
        "checksum": result.checksum,
        "size": result.size,
        "layer": found.layer,
        "format": found.format,
        "source_crs": found.crs.code if found.crs else TARGET_CRS,
        "source_crs_name": found.crs.name if found.crs else "",
        "family": report.family,
        "types": report.types,
        "bbox": list(result.bbox) if result.bbox else None,
        "report": {
            "features": report.features,
            "repaired": report.repaired,
            "empty": report.empty,
            "invalid": report.invalid,
            "outside": report.outside,
        },
    }


def process_layer(upload: Upload, options: Any) -> Upload:
    """Run the geospatial engine on a layer upload and store what it found."""
    table = storage.new_path("staging", ".parquet")
    shapes = storage.new_path("staging", ".parquet")
    source = storage.absolute(upload.source_path)
    try:
        result = geo.ingest_layer(
            source,
            shapes,
            filename=upload.source_name,
            layer=upload.sheet or None,
            crs=upload.crs or None,
            table_target=table,
            options=options,
        )
    except geo.LayerError as exc:
        return _failed(upload, exc, source, options)
    found = result.source
    upload.sheet = found.layer[:120]
    upload.sheets = list(found.layers)
    upload.staged_path = storage.relative(table) if result.ok else ""
    upload.problems = plain(result.problems)
    upload.result = {
        "rows": result.report.features,
        "fields": plain(result.fields),
        "preview": plain(result.preview),
        "counts": plain(result.counts),
        "error_count": sum(c.count for c in result.counts if c.severity is Severity.ERROR),
        "warning_count": sum(c.count for c in result.counts if c.severity is Severity.WARNING),
        "checksum": result.table_checksum,
        "source": {"format": found.format, "filename": found.filename, "sheet": found.layer},
        "geo": {"staged": storage.relative(shapes) if result.ok else "", **layer_info(result)},
    }
    upload.status = Upload.Status.READY if result.ok else Upload.Status.INVALID
    upload.save()
    return upload


def discard_staged(upload: Upload) -> None:
    staged = (upload.result.get("geo") or {}).get("staged")
    if staged:
        storage.absolute(staged).unlink(missing_ok=True)


def stored_layer(upload: Upload) -> tuple[dict[str, Any], Path]:
    """The version's `geo` for an accepted layer upload, with its shapes moved into the
    version store (the caller removes the file if the version is not saved)."""
    info = dict(upload.result["geo"])
    final = storage.new_path("versions", ".parquet")
    storage.absolute(info.pop("staged")).replace(final)
    info["path"] = storage.relative(final)
    return info, final


def layer_diff(previous: Version, upload: Upload) -> dict[str, Any]:
    """Features added, removed and changed in a layer upload since the previous version, when
    that is a layer too."""
    if not previous.is_layer:
        return {}
    staged = storage.absolute(upload.result["geo"]["staged"])
    return {"layer": plain(diff_layers(storage.absolute(previous.geo["path"]), staged))}


def _boundaries(codes: list[str]) -> tuple[str, Path] | None:
    """The base layer (level, file) whose kode the table's codes are."""
    level = level_of({c for c in map(dotted_code, codes) if c})
    base = BaseLayer.objects.filter(level=level).first() if level else None
    return (str(base.level), storage.absolute(base.parquet_path)) if base else None


def table_layer(upload: Upload, staged: Path, result: Any, options: Any) -> None:
    """Make a checked table upload a layer too, as its uploader asked (`upload.geometry`):
    points from its longitude and latitude columns, or the boundaries of its kode wilayah
    when each row is one wilayah. Its problems join the upload's; an error (a point outside
    Indonesia) keeps the upload from being saved."""
    if upload.geometry == Upload.Geometry.NONE or not result.ok:
        return
    shapes = storage.new_path("staging", ".parquet")
    sheet = result.source.sheet or ""
    made: dict[str, Any]
    if upload.geometry == Upload.Geometry.WILAYAH:
        code = next((f for f in result.fields if f.role == "kode_wilayah"), None)
        base = _boundaries([str(v) for v in _values(staged, code.name)]) if code else None
        if code is None or base is None:
            upload.problems = [*upload.problems, plain(_no_wilayah(sheet))]
            return
        found = from_table.wilayah(staged, shapes, code.name, base[1], sheet=sheet, options=options)
        made = {"kind": "wilayah", "columns": [code.name], "level": base[0]}
    else:
        columns = from_table.coordinate_columns(result.fields)
        if columns is None:
            return
        found = from_table.points(staged, shapes, *columns, sheet=sheet, options=options)
        made = {"kind": "points", "columns": list(columns)}
    upload.problems = [*upload.problems, *plain(found.problems)]
    upload.result["counts"] = [*upload.result["counts"], *plain(found.counts)]
    errors = sum(c.count for c in found.counts if c.severity is Severity.ERROR)
    warnings = sum(c.count for c in found.counts if c.severity is Severity.WARNING)
    upload.result["error_count"] += errors
    upload.result["warning_count"] += warnings
    if not found.ok:
        upload.status = Upload.Status.INVALID
        upload.staged_path = ""
        staged.unlink(missing_ok=True)
        return
    upload.result["geo"] = {
        "staged": storage.relative(shapes),
        **layer_info(found),
        "made_from": made,
    }


def _values(path: Path, column: str) -> list[Any]:
    """The distinct values of one column of a staged table (for the level of its codes)."""
    return pc.unique(pq.read_table(path, columns=[column]).column(0)).to_pylist()[:1000]


def _no_wilayah(sheet: str) -> Problem:
    return Problem(
        rule="geometry.no_wilayah",
        message=N_(
            "The table has no kode wilayah column of kecamatan or kelurahan codes, so it cannot "
            "be drawn as boundaries; it is saved as a table."
        ),
        hint=N_("Add a column of kode wilayah, or upload a layer file."),
        severity=Severity.WARNING,
        sheet=sheet,
    )
