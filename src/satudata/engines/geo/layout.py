"""How a layer version is stored, so that a box or a tile reads only the features near it:
GeoParquet sorted along a Hilbert curve over the layer's extent, in row groups of 8,192
features, with each feature's bounding box as a `bbox` struct column (the covering column of
GeoParquet 1.1) whose statistics let DuckDB skip the row groups a query box misses. `fid` is
the feature's number in the uploaded file (1-based): it stays the feature's id whatever order
the file is stored in.

`min_zoom` is the lowest zoom whose vector tiles draw the feature. Where a tile would hold
more than `TILE_FEATURES` features, the largest ones are kept and the others wait for a zoom at
which they fit (the rule of tippecanoe's `--drop-smallest-as-needed`): a tile stays small
enough to draw at once, and from `FULL_DETAIL_ZOOM` on every feature is drawn. The features,
bounding boxes and downloads are never thinned; only the tiles are."""

# SQL here is built only from quote_ident() identifiers and literal() values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb

from satudata.engines.tabular import store
from satudata.engines.tabular.casts import literal

FID, BBOX, GEOMETRY, MIN_ZOOM = "fid", "bbox", "geom", "min_zoom"
RESERVED = (FID, BBOX, GEOMETRY, MIN_ZOOM)
ROW_GROUP = 8_192
TILE_FEATURES = 4_000
FULL_DETAIL_ZOOM = 16
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
    zooms = _min_zooms(con, table)
    with store.staged(target) as stage:
        con.execute(
            f"COPY (SELECT t.*, coalesce(z.{MIN_ZOOM}, 0)::UTINYINT AS {MIN_ZOOM}, "
            f"CASE WHEN {GEOMETRY} IS NOT NULL THEN {COVERING} END AS {BBOX} "
            f"FROM {table} t LEFT JOIN {zooms} z USING ({FID}) ORDER BY {order}) "
            f"TO {literal(str(stage.path))} "
            f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP}{kv})"
        )
        stage.commit()
    con.execute(f"DROP TABLE {zooms}")


def _min_zooms(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """A table of (`fid`, `min_zoom`) for the features that wait past zoom 0 (the others
    draw from zoom 0). From the finest zoom down, each tile (of the feature's bbox centre)
    keeps its `TILE_FEATURES` largest candidates, ties broken by a hash of the fid so that the
    kept ones spread evenly; a feature a tile leaves out first draws one zoom finer."""
    zooms, candidates = "__min_zoom", "__zoom_candidates"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {zooms} ({FID} BIGINT, {MIN_ZOOM} UTINYINT)")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {candidates} AS SELECT {FID}, "
        f"greatest(ST_XMax({GEOMETRY}) - ST_XMin({GEOMETRY}), "
        f"ST_YMax({GEOMETRY}) - ST_YMin({GEOMETRY})) AS size, "
        f"((ST_XMin({GEOMETRY}) + ST_XMax({GEOMETRY})) / 2 + 180) / 360 AS ux, "
        f"(1 - asinh(tan(radians(greatest(-85, least(85, "
        f"(ST_YMin({GEOMETRY}) + ST_YMax({GEOMETRY})) / 2))))) / pi()) / 2 AS uy "
        f"FROM {table} WHERE {GEOMETRY} IS NOT NULL"
    )
    for z in range(FULL_DETAIL_ZOOM - 1, -1, -1):
        row = con.execute(f"SELECT count(*) FROM {candidates}").fetchone()
        if row is None or row[0] <= TILE_FEATURES:
            break
        if _fullest_tile(con, candidates, z) <= TILE_FEATURES:
            continue
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE __zoom_kept AS SELECT * FROM {candidates} "
            f"QUALIFY row_number() OVER (PARTITION BY floor(ux * {2**z}), floor(uy * {2**z}) "
            f"ORDER BY size DESC, hash({FID})) <= {TILE_FEATURES}"
        )
        con.execute(
            f"INSERT INTO {zooms} SELECT {FID}, {z + 1} FROM {candidates} "
            f"ANTI JOIN __zoom_kept USING ({FID})"
        )
        con.execute(f"DROP TABLE {candidates}")
        con.execute(f"ALTER TABLE __zoom_kept RENAME TO {candidates}")
    con.execute(f"DROP TABLE {candidates}")
    return zooms


def _fullest_tile(con: duckdb.DuckDBPyConnection, candidates: str, z: int) -> int:
    """How many candidates the fullest tile of zoom `z` holds (a tile that holds no more than
    `TILE_FEATURES` keeps them all)."""
    row = con.execute(
        f"SELECT max(n) FROM (SELECT count(*) AS n FROM {candidates} "
        f"GROUP BY floor(ux * {2**z}), floor(uy * {2**z}))"
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


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


def box_within(names: list[str]) -> str:
    """A condition on the same four parameters as `box_filter` that holds when the feature
    lies wholly inside the box."""
    if BBOX in names:
        return (
            f"({BBOX}.xmin >= $w AND {BBOX}.xmax <= $e AND {BBOX}.ymin >= $s AND {BBOX}.ymax <= $n)"
        )
    return (
        f"(ST_XMin({GEOMETRY}) >= $w AND ST_XMax({GEOMETRY}) <= $e "
        f"AND ST_YMin({GEOMETRY}) >= $s AND ST_YMax({GEOMETRY}) <= $n)"
    )


def zoom_filter(names: list[str], z: int) -> str:
    """A condition that keeps the features a tile at zoom `z` draws (every feature, in a file
    written before zooms were stored)."""
    return f"{MIN_ZOOM} <= {int(z)}" if MIN_ZOOM in names else "true"


def fid_of(names: list[str]) -> str:
    """The feature id: the stored `fid`, or (in a file written before it was stored) the
    feature's position in the file."""
    return FID if FID in names else "(file_row_number + 1)"
