"""Read a layer version (GeoParquet, EPSG:4326): pages of features as GeoJSON with a bounding
box and attribute filters (what OGC API – Features serves), one feature by its id, and Mapbox
vector tiles in Web Mercator (WebMercatorQuad). A feature's id is its 1-based position in the
version's file, which never changes."""

# SQL here is built only from quote_ident() identifiers, numbers and bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from satudata.engines import duck
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.store import quote_ident

GEOMETRY = "geom"
MAX_ZOOM = 24
TILE_EXTENT = 4096
TILE_BUFFER = 64


class FeatureQueryError(ValueError):
    """A query the layer cannot answer (an unknown attribute, a bad box or tile); `code` names
    the rule for the caller's message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class FeatureQuery:
    bbox: tuple[float, float, float, float] | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    limit: int = 10
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FeaturePage:
    features: list[dict[str, Any]]
    matched: int


def _connect() -> duckdb.DuckDBPyConnection:
    return duck.connect(extensions=["spatial"], threads=1)


def attributes(path: Path) -> list[tuple[str, str]]:
    """The layer's attribute columns and their DuckDB types (the geometry left out)."""
    con = _connect()
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM read_parquet({literal(str(path))})").fetchall()
    finally:
        con.close()
    return [(str(r[0]), str(r[1])) for r in rows if r[0] != GEOMETRY]


def summary(path: Path) -> tuple[int, tuple[float, float, float, float] | None]:
    """The layer's feature count and extent (lon/lat), None for a layer without shapes."""
    con = _connect()
    try:
        row = con.execute(
            f"SELECT count(*), min(ST_XMin({GEOMETRY})), min(ST_YMin({GEOMETRY})), "
            f"max(ST_XMax({GEOMETRY})), max(ST_YMax({GEOMETRY})) "
            f"FROM read_parquet({literal(str(path))})"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    box = None if row[1] is None else (float(row[1]), float(row[2]), float(row[3]), float(row[4]))
    return int(row[0]), box


def _where(query: FeatureQuery, known: Sequence[str]) -> tuple[str, list[Any]]:
    clauses, params = ["true"], []
    if query.bbox is not None:
        xmin, ymin, xmax, ymax = query.bbox
        if not (xmin <= xmax and ymin <= ymax):
            raise FeatureQueryError("bbox.order")
        clauses.append(f"ST_Intersects({GEOMETRY}, ST_MakeEnvelope(?, ?, ?, ?))")
        params += [xmin, ymin, xmax, ymax]
    for name, value in query.properties.items():
        if name not in known:
            raise FeatureQueryError("property.unknown", name=name)
        clauses.append(f"CAST({quote_ident(name)} AS VARCHAR) = ?")
        params.append(value)
    return " AND ".join(clauses), params


def _feature(fid: int, geometry: str | None, row: Sequence[Any], names: Sequence[str]) -> dict:
    return {
        "type": "Feature",
        "id": int(fid),
        "geometry": json.loads(geometry) if geometry else None,
        "properties": {name: _plain(value) for name, value in zip(names, row, strict=True)},
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _select(names: Sequence[str]) -> str:
    columns = "".join(f", {quote_ident(n)}" for n in names)
    return f"file_row_number + 1 AS fid, ST_AsGeoJSON({GEOMETRY}){columns}"


def query_features(path: Path, query: FeatureQuery) -> FeaturePage:
    names = [name for name, _type in attributes(path)]
    where, params = _where(query, names)
    source = f"read_parquet({literal(str(path))}, file_row_number = true)"
    con = _connect()
    try:
        row = con.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()
        rows = con.execute(
            f"SELECT {_select(names)} FROM {source} WHERE {where} "
            "ORDER BY file_row_number LIMIT ? OFFSET ?",
            [*params, int(query.limit), int(query.offset)],
        ).fetchall()
    finally:
        con.close()
    return FeaturePage(
        features=[_feature(r[0], r[1], r[2:], names) for r in rows],
        matched=int(row[0]) if row else 0,
    )


def feature(path: Path, fid: int) -> dict[str, Any] | None:
    names = [name for name, _type in attributes(path)]
    con = _connect()
    try:
        row = con.execute(
            f"SELECT {_select(names)} FROM read_parquet({literal(str(path))}, "
            "file_row_number = true) WHERE file_row_number = ?",
            [int(fid) - 1],
        ).fetchone()
    finally:
        con.close()
    return _feature(row[0], row[1], row[2:], names) if row else None


def tile(path: Path, z: int, x: int, y: int, layer: str, columns: Sequence[str]) -> bytes:
    """The Mapbox vector tile z/x/y (WebMercatorQuad) of the layer, named `layer`, with the
    attributes `columns` (the caller picks those the viewer may see); empty bytes when no
    feature touches the tile."""
    if not 0 <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        raise FeatureQueryError("tile.range", z=z, x=x, y=y)
    known = {name for name, _type in attributes(path)}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise FeatureQueryError("property.unknown", name=unknown[0])
    props = "".join(f", {literal(c)}: {quote_ident(c)}" for c in columns)
    mercator = f"ST_Transform({GEOMETRY}, 'EPSG:4326', 'EPSG:3857', always_xy := true)"
    shape = f"ST_AsMVTGeom({mercator}, ST_Extent(env.merc), {TILE_EXTENT}, {TILE_BUFFER}, true)"
    con = _connect()
    try:
        row = con.execute(
            "WITH env AS (SELECT ST_TileEnvelope(?, ?, ?) AS merc), "
            "box AS (SELECT ST_Transform(merc, 'EPSG:3857', 'EPSG:4326', always_xy := true) "
            "AS lonlat FROM env) "
            f"SELECT ST_AsMVT({{'geom': {shape}, 'fid': file_row_number + 1{props}}}, ?) "
            f"FROM read_parquet({literal(str(path))}, file_row_number = true), env, box "
            f"WHERE ST_Intersects({GEOMETRY}, box.lonlat) HAVING count(*) > 0",
            [z, x, y, layer],
        ).fetchone()
    finally:
        con.close()
    return bytes(row[0]) if row and row[0] else b""
