"""`inspect_layer` (what the upload holds, with its geometry report) and `ingest_layer` (a
checked GeoParquet version in EPSG:4326 that keeps its source coordinate system)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import duckdb

from satudata.engines import duck
from satudata.engines.geo import attributes, checks, layout, source
from satudata.engines.geo.model import TARGET_CRS, LayerInspection, LayerResult, LayerSource
from satudata.engines.tabular import store
from satudata.engines.tabular.model import Field, Options
from satudata.engines.tabular.problems import ProblemLog


def _connect(options: Options) -> duckdb.DuckDBPyConnection:
    return duck.connect(
        memory_limit=options.memory_limit,
        threads=options.threads,
        extensions=["spatial"],
        temp_directory=options.temp_dir / "satudata-duckdb",
    )


def _checked(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    filename: str,
    layer: str | None,
    crs: str | None,
    log: ProblemLog,
) -> tuple[LayerSource, checks.GeometryReport, list[attributes.Attribute]]:
    """Read, check and reproject the layer into `layer`, then name its attributes (`named`)."""
    found = source.open_layer(con, path, filename, layer, crs)
    checks.load(con, found)
    report = checks.build(con, found, log)
    columns = attributes.attributes(con)
    attributes.create_named(con, columns)
    return found, report, columns


def _fields(con: duckdb.DuckDBPyConnection, columns: list[attributes.Attribute]) -> list[Field]:
    return attributes.fields(con, columns) or [attributes.feature_number_field()]


def layers(path: Path, *, filename: str | None = None, options: Options | None = None) -> list[str]:
    """The layers with geometries that the upload holds, for the uploader to choose from."""
    options = options or Options()
    con = _connect(options)
    try:
        return source.layer_names(con, path, filename or path.name)
    finally:
        con.close()


def inspect_layer(
    path: Path,
    *,
    filename: str | None = None,
    layer: str | None = None,
    crs: str | None = None,
    options: Options | None = None,
) -> LayerInspection:
    """The layer's source, geometry report and extent, nothing written. Raises a `LayerError`
    when the layer cannot be read, when the file holds several and none is chosen, and when
    it does not say its coordinate system and `crs` does not either."""
    options = options or Options()
    log = ProblemLog(options.max_problems)
    con = _connect(options)
    try:
        found, report, columns = _checked(con, path, filename or path.name, layer, crs, log)
        return LayerInspection(
            found,
            report,
            checks.bbox(con),
            log.problems(),
            fields=_fields(con, columns),
            preview=attributes.preview(con, columns),
        )
    finally:
        con.close()


def ingest_layer(
    path: Path,
    target: Path,
    *,
    filename: str | None = None,
    layer: str | None = None,
    crs: str | None = None,
    table_target: Path | None = None,
    options: Options | None = None,
) -> LayerResult:
    """Check the layer and, when nothing stops it, write it to `target` as GeoParquet: its
    attributes, its geometry in EPSG:4326 and, in the file's metadata, the layer name and the
    source coordinate system; and, when `table_target` is given, its attribute table there.
    Nothing is written when there is an error."""
    options = options or Options()
    log = ProblemLog(options.max_problems)
    con = _connect(options)
    try:
        found, report, columns = _checked(con, path, filename or path.name, layer, crs, log)
        fields = _fields(con, columns)
        result = LayerResult(
            ok=not log.has_errors,
            source=found,
            report=report,
            bbox=checks.bbox(con),
            problems=log.problems(),
            counts=log.counts(),
            fields=fields,
            preview=attributes.preview(con, columns),
        )
        if log.has_errors:
            return result
        metadata = json.dumps(
            {
                "layer": found.layer,
                "format": found.format,
                "source_crs": found.crs.code if found.crs else TARGET_CRS,
                "source_crs_name": found.crs.name if found.crs else "",
            },
            ensure_ascii=False,
        )
        layout.write(con, "named", target, {"satudata_layer": metadata})
        result = replace(
            result, path=target, checksum=store.sha256(target), size=target.stat().st_size
        )
        if table_target is None:
            return result
        attributes.write_table(con, columns, table_target, fields)
        return replace(result, table_path=table_target, table_checksum=store.sha256(table_target))
    finally:
        con.close()
