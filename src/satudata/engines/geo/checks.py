"""The geometry report, all in SQL: load the layer into `src`, then build `layer` with every
geometry checked in its own coordinate system, repaired where that keeps its kind, made
multi-part where a layer mixes single and multi-part shapes, and reprojected to EPSG:4326.
Feature numbers are 1-based, in the file's order."""

# SQL here is built only from quoted identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import duckdb

from satudata.engines.geo.errors import CrsUnknownError, LayerUnreadableError, geo_fail
from satudata.engines.geo.model import (
    GEOMETRY_FAMILIES,
    INDONESIA_BBOX,
    TARGET_CRS,
    GeometryReport,
    LayerSource,
)
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.problems import N_, Problem, ProblemLog, Severity

DIMENSIONS = {"point": 1, "line": 2, "polygon": 3}
SAMPLE = 200
GDAL_FID = "OGC_FID"  # the feature index GDAL adds to some formats: the file's order, kept as __n


def load(con: duckdb.DuckDBPyConnection, source: LayerSource) -> None:
    """Table `src`: the layer's features with their number (`__n`) and geometry (`geom`)."""
    read = f"ST_Read({literal(source.gdal_path)}, layer := {literal(source.layer)})"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE src AS SELECT * EXCLUDE (geom), geom, "
            f"row_number() OVER () AS __n FROM {read}"
        )
        columns = {row[0] for row in con.execute("DESCRIBE src").fetchall()}
        if GDAL_FID in columns:
            con.execute(f"ALTER TABLE src DROP COLUMN {GDAL_FID}")
    except duckdb.Error as exc:
        raise geo_fail(
            LayerUnreadableError,
            N_('The layer "%(layer)s" of "%(filename)s" cannot be read.'),
            N_("Open it in QGIS to check it, export it again and upload the new file."),
            layer=source.layer,
            filename=source.filename,
        ) from exc


def _transform(expr: str, crs: str) -> str:
    if crs == TARGET_CRS:
        return expr
    return f"ST_Transform({expr}, {literal(crs)}, {literal(TARGET_CRS)}, always_xy := true)"


def _types(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = con.execute(
        "SELECT ST_GeometryType(geom)::VARCHAR, count(*) FROM src "
        "WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return {str(kind).upper(): int(n) for kind, n in rows}


def _family_of(types: dict[str, int]) -> str | None:
    families = {GEOMETRY_FAMILIES.get(t, "other") for t in types}
    return next(iter(families)) if len(families) == 1 else None


def build(con: duckdb.DuckDBPyConnection, source: LayerSource, log: ProblemLog) -> GeometryReport:
    """Check, repair and reproject `src` into table `layer`; log what was found."""
    types = _types(con)
    family = _family_of(types)
    if len(types) > 1 and family is None:
        log.add(_mixed(source, types))
    crs = source.crs.code if source.crs else TARGET_CRS
    fixed = "CASE WHEN __invalid THEN ST_MakeValid(geom) ELSE geom END"
    if family in DIMENSIONS:
        fixed = f"ST_CollectionExtract({fixed}, {DIMENSIONS[family]})"
        if len(types) > 1 and family != "point":
            fixed = f"ST_Multi({fixed})"
    # Validity is tested once per feature, and never on an empty one.
    flags = (
        "geom IS NULL OR ST_IsEmpty(geom) AS __empty, "
        "CASE WHEN geom IS NULL OR ST_IsEmpty(geom) THEN false ELSE NOT ST_IsValid(geom) END "
        "AS __invalid"
    )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE layer AS SELECT * EXCLUDE (geom, __empty, __invalid), "
            f"CASE WHEN __empty THEN NULL ELSE {_transform(fixed, crs)} END AS geom, "
            f"__empty, __invalid FROM (SELECT *, {flags} FROM src) ORDER BY __n"
        )
    except duckdb.Error as exc:
        raise geo_fail(
            CrsUnknownError,
            N_('The coordinate system "%(crs)s" of the layer "%(layer)s" is not known.'),
            N_("Choose a coordinate system by its EPSG code, for example EPSG:32748."),
            crs=crs,
            layer=source.layer,
        ) from exc
    return _report(con, source, log, types)


def _report(
    con: duckdb.DuckDBPyConnection,
    source: LayerSource,
    log: ProblemLog,
    types: dict[str, int],
) -> GeometryReport:
    xmin, ymin, xmax, ymax = INDONESIA_BBOX
    outside = (
        f"geom IS NOT NULL AND (ST_XMax(geom) < {xmin} OR ST_XMin(geom) > {xmax} "
        f"OR ST_YMax(geom) < {ymin} OR ST_YMin(geom) > {ymax})"
    )
    # Only a repaired feature is tested again, to tell a repair from a failed one.
    broken = (
        "CASE WHEN __invalid THEN geom IS NULL OR ST_IsEmpty(geom) OR NOT ST_IsValid(geom) "
        "ELSE false END"
    )
    kinds: list[tuple[str, str, Severity, str, str]] = [
        (
            "geometry.empty",
            "__empty",
            Severity.WARNING,
            N_("Feature %(row)s has no geometry; it keeps its attributes but is not drawn."),
            N_("Draw the feature in QGIS or remove it."),
        ),
        (
            "geometry.repaired",
            f"__invalid AND NOT ({broken})",
            Severity.WARNING,
            N_(
                "Feature %(row)s had an invalid geometry (a ring that crosses itself or runs "
                "the wrong way); it was repaired."
            ),
            N_("Check the repaired shape on the map."),
        ),
        (
            "geometry.invalid",
            broken,
            Severity.ERROR,
            N_("Feature %(row)s has an invalid geometry that cannot be repaired."),
            N_("Fix the shape in QGIS (Vector ▸ Geometry Tools ▸ Check Validity)."),
        ),
        (
            "geometry.outside",
            outside,
            Severity.ERROR,
            N_("Feature %(row)s lies outside Indonesia (%(where)s)."),
            N_("Check the coordinate system of the layer; longitude and latitude may be swapped."),
        ),
    ]
    totals = con.execute(
        f"SELECT count(*), {', '.join(f'count_if({cond})' for _, cond, *_ in kinds)} FROM layer"
    ).fetchone()
    assert totals is not None
    for (rule, cond, severity, message, hint), total in zip(kinds, totals[1:], strict=True):
        if total:
            log.add_many(_samples(con, source, rule, cond, severity, message, hint), int(total))
    return GeometryReport(
        features=int(totals[0]),
        empty=int(totals[1]),
        repaired=int(totals[2]),
        invalid=int(totals[2]) + int(totals[3]),
        outside=int(totals[4]),
        types=types,
    )


def _samples(
    con: duckdb.DuckDBPyConnection,
    source: LayerSource,
    rule: str,
    cond: str,
    severity: Severity,
    message: str,
    hint: str,
) -> list[Problem]:
    rows = con.execute(
        f"SELECT __n, ST_AsText(ST_Centroid(geom)) FROM layer WHERE {cond} "
        f"ORDER BY __n LIMIT {SAMPLE}"
    ).fetchall()
    return [
        Problem(
            rule=rule,
            message=message,
            hint=hint,
            severity=severity,
            sheet=source.layer,
            row=int(n),
            column="geometry",
            params={"where": str(where)} if rule == "geometry.outside" else {},
        )
        for n, where in rows
    ]


def _mixed(source: LayerSource, types: dict[str, int]) -> Problem:
    kinds = ", ".join(f"{kind} ({n})" for kind, n in types.items())
    return Problem(
        rule="geometry.mixed",
        message=N_('The layer "%(layer)s" mixes kinds of geometry: %(kinds)s.'),
        hint=N_("Put points, lines and polygons in separate layers and upload each one."),
        severity=Severity.ERROR,
        sheet=source.layer,
        column="geometry",
        params={"layer": source.layer, "kinds": kinds},
    )


def bbox(con: duckdb.DuckDBPyConnection) -> tuple[float, float, float, float] | None:
    row = con.execute(
        "SELECT min(ST_XMin(geom)), min(ST_YMin(geom)), max(ST_XMax(geom)), max(ST_YMax(geom)) "
        "FROM layer WHERE geom IS NOT NULL"
    ).fetchone()
    if not row or row[0] is None:
        return None
    return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))
