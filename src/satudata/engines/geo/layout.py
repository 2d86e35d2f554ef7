"""How a layer version is stored, so that a box or a tile reads only the features near it:
GeoParquet sorted along a Hilbert curve over the layer's extent, in row groups of 8,192
features, with each feature's bounding box as a `bbox` struct column (the covering column of
GeoParquet 1.1) whose statistics let DuckDB skip the row groups a query box misses. `fid` is
the feature's number in the uploaded file (1-based): it stays the feature's id whatever order
the file is stored in."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb

from satudata.engines.tabular import store
from satudata.engines.tabular.casts import literal

FID, BBOX, GEOMETRY = "fid", "bbox", "geom"
RESERVED = (FID, BBOX, GEOMETRY)
ROW_GROUP = 8_192
COVERING = (
    f"{{'xmin': ST_XMin({GEOMETRY}), 'ymin': ST_YMin({GEOMETRY}), "
    f"'xmax': ST_XMax({GEOMETRY}), 'ymax': ST_YMax({GEOMETRY})}}"
)


def write(
    con: duckdb.DuckDBPyConnection, table: str, target: Path, metadata: Mapping[str, str]
) -> None:
    """Write `table` (attributes, `fid`, `geom` in EPSG:4326) to `target` in this layout,
    atomically, with `metadata` in the file's key-value metadata."""
    row = con.execute(
        f"SELECT min(ST_XMin({GEOMETRY})), min(ST_YMin({GEOMETRY})), "
        f"max(ST_XMax({GEOMETRY})), max(ST_YMax({GEOMETRY})) FROM {table}"
    ).fetchone()
    order = FID
    if row and row[0] is not None:
        extent = (
            f"{{'min_x': {float(row[0])}, 'min_y': {float(row[1])}, "
            f"'max_x': {float(row[2])}, 'max_y': {float(row[3])}}}::BOX_2D"
        )
        order = f"ST_Hilbert({GEOMETRY}, {extent}) NULLS LAST, {FID}"
    pairs = ", ".join(f"{key}: {literal(value)}" for key, value in metadata.items())
    kv = f", KV_METADATA {{{pairs}}}" if pairs else ""
    with store.staged(target) as stage:
        con.execute(
            f"COPY (SELECT *, CASE WHEN {GEOMETRY} IS NOT NULL THEN {COVERING} END AS {BBOX} "
            f"FROM {table} ORDER BY {order}) TO {literal(str(stage.path))} "
            f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP}{kv})"
        )
        stage.commit()


def columns(con: duckdb.DuckDBPyConnection, source: str) -> list[str]:
    return [str(row[0]) for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]


def box_filter(names: list[str]) -> str:
    """A condition on four bound parameters (west, south, east, north) that keeps the features
    whose bounding box meets the box: on the `bbox` column when the file has it (row groups
    skipped by their statistics), always followed by the exact test on the shapes."""
    exact = f"ST_Intersects({GEOMETRY}, ST_MakeEnvelope($w, $s, $e, $n))"
    if BBOX not in names:
        return exact
    return (
        f"{BBOX}.xmin <= $e AND {BBOX}.xmax >= $w AND {BBOX}.ymin <= $n AND {BBOX}.ymax >= $s "
        f"AND {exact}"
    )


def fid_of(names: list[str]) -> str:
    """The feature id: the stored `fid`, or (in a file written before it was stored) the
    feature's position in the file."""
    return FID if FID in names else "(file_row_number + 1)"
