"""Layers from tables: a checked table version (Parquet) becomes a layer either as points from
its longitude and latitude columns, or as the boundaries of its kode wilayah joined from a
boundary layer (kecamatan or kelurahan, codes dotted or not). The shapes go through the same
geometry checks and layout as an uploaded layer: a point outside Indonesia is an error (with
its row), a row without coordinates or with a code the boundaries do not hold is listed."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

import duckdb

from satudata.engines.geo import attributes, checks, layout
from satudata.engines.geo.model import TARGET_CRS, LayerResult, LayerSource
from satudata.engines.geo.pipeline import _connect
from satudata.engines.tabular import store
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.model import Field, FieldType, Options
from satudata.engines.tabular.problems import N_, Problem, ProblemLog, Severity
from satudata.engines.tabular.store import quote_ident

LONGITUDE = ("longitude", "bujur", "lon", "lng", "long", "koordinat_x", "x")
LATITUDE = ("latitude", "lintang", "lat", "koordinat_y", "y")
NUMBERS = (FieldType.NUMBER, FieldType.INTEGER)
SAMPLE = 200


def coordinate_columns(fields: Sequence[Field]) -> tuple[str, str] | None:
    """The (longitude, latitude) columns of a table, by their names, when both are numbers."""
    numeric = {f.name.lower(): f.name for f in fields if f.type in NUMBERS}
    lon = next((numeric[n] for n in LONGITUDE if n in numeric), None)
    lat = next((numeric[n] for n in LATITUDE if n in numeric), None)
    return (lon, lat) if lon and lat else None


PARTS = {6: (2, 2, 2), 10: (2, 2, 2, 4)}
LEVELS = {6: "kecamatan", 10: "kelurahan"}  # by the code's digits


def dotted_code(value: object) -> str | None:
    """The dotted kecamatan or kelurahan code of a cell (3671011001 and 36.71.01.1001 are the
    same kelurahan), or None when it is neither."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    parts = PARTS.get(len(digits))
    if parts is None:
        return None
    out, at = [], 0
    for size in parts:
        out.append(digits[at : at + size])
        at += size
    return ".".join(out)


def level_of(codes: Collection[str]) -> str | None:
    """ "kecamatan" or "kelurahan" when every dotted code is of that level, else None."""
    lengths = {sum(ch.isdigit() for ch in code) for code in codes}
    return LEVELS.get(lengths.pop()) if len(lengths) == 1 else None


def _dotted(column: str) -> str:
    """SQL for the dotted code of a kecamatan (6 digits) or kelurahan (10 digits) cell."""
    digits = f"regexp_replace(CAST({column} AS VARCHAR), '[^0-9]', '', 'g')"
    return (
        f"CASE length({digits}) "
        f"WHEN 6 THEN concat_ws('.', {digits}[1:2], {digits}[3:4], {digits}[5:6]) "
        f"WHEN 10 THEN concat_ws('.', {digits}[1:2], {digits}[3:4], {digits}[5:6], "
        f"{digits}[7:10]) END"
    )


def points(
    table: Path,
    target: Path,
    longitude: str,
    latitude: str,
    *,
    sheet: str = "",
    options: Options | None = None,
) -> LayerResult:
    """Points at each row's longitude and latitude (EPSG:4326)."""
    lon, lat = quote_ident(longitude), quote_ident(latitude)
    shape = f"CASE WHEN {lon} IS NULL OR {lat} IS NULL THEN NULL ELSE ST_Point({lon}, {lat}) END"
    return _layer(table, target, shape, "", sheet, options)


def wilayah(
    table: Path,
    target: Path,
    code: str,
    boundaries: Path,
    *,
    sheet: str = "",
    options: Options | None = None,
) -> LayerResult:
    """Each row with the boundary of its kode wilayah (the `kode` of `boundaries`)."""
    join = (
        f"LEFT JOIN (SELECT kode AS __kode, {layout.GEOMETRY} AS __shape FROM "
        f"read_parquet({literal(str(boundaries))})) b ON b.__kode = {_dotted(quote_ident(code))}"
    )
    return _layer(table, target, "b.__shape", join, sheet, options, code)


def _unmatched(con: duckdb.DuckDBPyConnection, code: str, sheet: str, log: ProblemLog) -> None:
    column = quote_ident(code)
    cond = f"{column} IS NOT NULL AND geom IS NULL"
    row = con.execute(f"SELECT count(*) FROM src WHERE {cond}").fetchone()
    total = int(row[0]) if row else 0
    if not total:
        return
    rows = con.execute(
        f"SELECT __n, CAST({column} AS VARCHAR) FROM src WHERE {cond} ORDER BY __n LIMIT {SAMPLE}"
    ).fetchall()
    log.add_many(
        [
            Problem(
                rule="geometry.unmatched",
                message=N_(
                    "Row %(row)s: the kode wilayah “%(value)s” is not among the boundaries, so "
                    "the row has no shape."
                ),
                hint=N_("Check the code against the Kemendagri list (kecamatan or kelurahan)."),
                severity=Severity.WARNING,
                sheet=sheet,
                row=int(n),
                column=code,
                value=str(value),
                params={"value": str(value)},
            )
            for n, value in rows
        ],
        total,
    )


def _layer(
    table: Path,
    target: Path,
    shape: str,
    join: str,
    sheet: str,
    options: Options | None,
    code: str = "",
) -> LayerResult:
    options = options or Options()
    log = ProblemLog(options.max_problems)
    con = _connect(options)
    try:
        con.execute(
            f"CREATE TEMP TABLE src AS SELECT t.*, {shape} AS geom, "
            f"row_number() OVER () AS __n FROM read_parquet({literal(str(table))}) t {join}"
        )
        count = con.execute("SELECT count(*) FROM src").fetchone()
        source = LayerSource(
            format="table",
            filename=table.name,
            gdal_path="",
            layer=sheet,
            layers=(sheet,) if sheet else (),
            crs=None,
            feature_count=int(count[0]) if count else 0,
            attributes=(),
        )
        if code:
            _unmatched(con, code, sheet, log)
        report = checks.build(con, source, log)
        columns = attributes.attributes(con)
        attributes.create_named(con, columns)
        result = LayerResult(
            ok=not log.has_errors,
            source=source,
            report=report,
            bbox=checks.bbox(con),
            problems=log.problems(),
            counts=log.counts(),
        )
        if log.has_errors:
            return result
        metadata = json.dumps(
            {"layer": sheet, "format": "table", "source_crs": TARGET_CRS}, ensure_ascii=False
        )
        layout.write(con, "named", target, {"satudata_layer": metadata})
        return replace(
            result, path=target, checksum=store.sha256(target), size=target.stat().st_size
        )
    finally:
        con.close()
