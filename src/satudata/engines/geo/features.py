"""Read a layer version (GeoParquet, EPSG:4326): pages of features as GeoJSON with a bounding
box and attribute filters (what OGC API – Features serves), one feature by its id, and Mapbox
vector tiles in Web Mercator (WebMercatorQuad). A feature's id is its 1-based position in the
version's file, which never changes."""

# SQL here is built only from quote_ident() identifiers, numbers and bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import functools
import json
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import orjson

from satudata.engines import duck
from satudata.engines.geo import layout, resident
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.store import quote_ident

GEOMETRY = layout.GEOMETRY
MAX_ZOOM = 24
TILE_EXTENT = 4096
TILE_BUFFER = 64
EARTH_RADIUS = 6_378_137.0
SMALL_FEATURES = 5_000  # a layer this small is kept in memory for its pages …
SMALL_BYTES = 8 * 2**20  # … unless its shapes as GeoJSON are larger than this
_LOCK = threading.Lock()
_SHARED: duckdb.DuckDBPyConnection | None = None


class FeatureQueryError(ValueError):
    """A query the layer cannot answer (an unknown attribute, a bad box or tile); `code` names
    the rule for the caller's message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Period:
    """Features whose `column` (a date or a time) falls from `start` to `end`, both included;
    an open end is None."""

    column: str
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class FeatureQuery:
    bbox: tuple[float, float, float, float] | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    limit: int = 10
    offset: int = 0
    period: Period | None = None
    raw_geometry: bool = False  # geometries as GeoJSON text (orjson fragments), not parsed


@dataclass(frozen=True, slots=True)
class FeaturePage:
    features: list[dict[str, Any]]
    matched: int


def _connect() -> duckdb.DuckDBPyConnection:
    """A cursor on the process's one DuckDB connection (closing it leaves the connection open):
    opening a connection and loading the spatial extension takes longer than most reads, and
    the threads share its cache of the files' footers (a version's file never changes, and a
    new version is a new file)."""
    global _SHARED
    with _LOCK:
        if _SHARED is None:
            _SHARED = duck.connect(extensions=["spatial"], threads=1)
            _SHARED.execute("SET GLOBAL parquet_metadata_cache = true")
        return _SHARED.cursor()


def _stamp(path: str | Path) -> tuple[int, int]:
    """The file's modification time and size: what tells a rewritten file from the one read."""
    found = Path(path).stat()
    return found.st_mtime_ns, found.st_size


def _schema(path: str) -> tuple[tuple[str, str], ...]:
    """Every stored column of the layer file and its type. A version's file never changes, so
    each process reads its schema once."""
    return _read_schema(path, _stamp(path))


@functools.lru_cache(maxsize=256)
def _read_schema(path: str, _stamp: tuple[int, int]) -> tuple[tuple[str, str], ...]:
    con = _connect()
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM read_parquet({literal(path)})").fetchall()
    finally:
        con.close()
    return tuple((str(r[0]), str(r[1])) for r in rows)


def _columns(path: Path) -> list[str]:
    return [name for name, _type in _schema(str(path))]


def _count(path: Path) -> int:
    """The layer file's feature count, from its footer (read once per process)."""
    return _read_count(str(path), _stamp(path))


@functools.lru_cache(maxsize=256)
def _read_count(path: str, _stamp: tuple[int, int]) -> int:
    con = _connect()
    try:
        row = con.execute(f"SELECT count(*) FROM read_parquet({literal(path)})").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def attributes(path: Path) -> list[tuple[str, str]]:
    """The layer's attribute columns and their DuckDB types (the geometry, the feature id and
    the bounding box left out)."""
    return [(n, t) for n, t in _schema(str(path)) if n not in layout.RESERVED]


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


def _where(query: FeatureQuery, known: Sequence[str], names: list[str]) -> tuple[str, dict]:
    clauses, params = ["true"], {}
    if query.bbox is not None:
        xmin, ymin, xmax, ymax = query.bbox
        if not (xmin <= xmax and ymin <= ymax):
            raise FeatureQueryError("bbox.order")
        clauses.append(layout.box_filter(names))
        params.update(w=xmin, s=ymin, e=xmax, n=ymax)
    if query.period is not None:
        if query.period.column not in known:
            raise FeatureQueryError("property.unknown", name=query.period.column)
        moment = f"CAST({quote_ident(query.period.column)} AS TIMESTAMP)"
        if query.period.start is not None:
            clauses.append(f"{moment} >= $t0")
            params["t0"] = query.period.start
        if query.period.end is not None:
            clauses.append(f"{moment} <= $t1")
            params["t1"] = query.period.end
    for k, (name, value) in enumerate(query.properties.items()):
        if name not in known:
            raise FeatureQueryError("property.unknown", name=name)
        clauses.append(f"CAST({quote_ident(name)} AS VARCHAR) = $p{k}")
        params[f"p{k}"] = value
    return " AND ".join(clauses), params


def _feature(
    fid: int, geometry: str | None, row: Sequence[Any], names: Sequence[str], raw: bool = False
) -> dict:
    shape: Any = None
    if geometry:
        shape = orjson.Fragment(geometry) if raw else json.loads(geometry)
    return {
        "type": "Feature",
        "id": int(fid),
        "geometry": shape,
        "properties": {name: _plain(value) for name, value in zip(names, row, strict=True)},
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _select(fid: str, names: Sequence[str]) -> str:
    columns = "".join(f", {quote_ident(n)}" for n in names)
    return f"{fid} AS fid, ST_AsGeoJSON({GEOMETRY}){columns}"


@functools.lru_cache(maxsize=32)
def _kept(path: str, stamp: tuple[int, int]) -> tuple[tuple[Any, ...], ...] | None:
    """Every feature of a small layer file (its id, its shape as GeoJSON text and its
    attributes, in the stored order), read once per process; None for a larger layer. `stamp`
    (the file's modification time and size) tells a rewritten file from the one kept."""
    if _count(Path(path)) > SMALL_FEATURES:
        return None
    names = [name for name, _type in attributes(Path(path))]
    con = _connect()
    try:
        rows = con.execute(
            f"SELECT {_select(layout.fid_of(_columns(Path(path))), names)} "
            f"FROM read_parquet({literal(path)}, file_row_number = true) ORDER BY file_row_number"
        ).fetchall()
    finally:
        con.close()
    if sum(len(row[1] or "") for row in rows) > SMALL_BYTES:
        return None
    return tuple((row[0], row[1], tuple(_plain(v) for v in row[2:])) for row in rows)


def _small(path: Path) -> tuple[tuple[Any, ...], ...] | None:
    return _kept(str(path), _stamp(path))


def query_features(path: Path, query: FeatureQuery) -> FeaturePage:
    """A page of the features that meet the query, in the stored order (features near each
    other come together). Without a filter a page of a small layer comes from memory and one
    of a larger layer is read by its position in the file; with a box, the R-tree of the
    layer's table in memory (`resident`) finds the features near it, or, until that table is
    built, only the row groups whose boxes meet it are read."""
    names = [name for name, _type in attributes(path)]
    kept = _small(path) if _unfiltered(query) else None
    if kept is not None:
        first, last = int(query.offset), int(query.offset) + int(query.limit)
        return FeaturePage(
            features=[
                _feature(r[0], r[1], r[2], names, query.raw_geometry) for r in kept[first:last]
            ],
            matched=len(kept),
        )
    stored = _columns(path)
    if query.bbox is not None:
        shown = [c for c in stored if c not in (layout.BBOX, layout.MIN_ZOOM)]
        held = resident.table(path, _count(path), shown, _connect)
        if held is not None:
            try:
                return _page(path, query, names, held, shown)
            except duckdb.CatalogException:
                pass  # dropped by another thread to make room: the file answers
    source = f"read_parquet({literal(str(path))}, file_row_number = true)"
    return _page(path, query, names, source, stored)


def _page(
    path: Path, query: FeatureQuery, names: list[str], source: str, stored: list[str]
) -> FeaturePage:
    """The page of `query` read from `source` (the layer file or its table in memory), whose
    columns are `stored`."""
    con = _connect()
    try:
        where, params = _where(query, names, stored)
        select = _select(layout.fid_of(stored), names)
        if where == "true":
            row = (_count(path),)
            first, last = int(query.offset), int(query.offset) + int(query.limit)
            rows = con.execute(
                f"SELECT {select} FROM {source} WHERE file_row_number >= {first} "
                f"AND file_row_number < {last} ORDER BY file_row_number"
            ).fetchall()
        else:
            # One scan gives the page and the count; past the last match, the count alone.
            rows = con.execute(
                f"SELECT {select}, count(*) OVER () AS __matched FROM {source} WHERE {where} "
                f"ORDER BY file_row_number LIMIT {int(query.limit)} OFFSET {int(query.offset)}",
                params,
            ).fetchall()
            if rows:
                row = (rows[0][-1],)
                rows = [r[:-1] for r in rows]
            else:
                row = con.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()
    finally:
        con.close()
    return FeaturePage(
        features=[_feature(r[0], r[1], r[2:], names, query.raw_geometry) for r in rows],
        matched=int(row[0]) if row else 0,
    )


def _unfiltered(query: FeatureQuery) -> bool:
    return query.bbox is None and not query.properties and query.period is None


def feature(path: Path, fid: int) -> dict[str, Any] | None:
    names = [name for name, _type in attributes(path)]
    con = _connect()
    try:
        stored = _columns(path)
        key = layout.fid_of(stored)
        row = con.execute(
            f"SELECT {_select(key, names)} FROM read_parquet({literal(str(path))}, "
            f"file_row_number = true) WHERE {key} = $fid",
            {"fid": int(fid)},
        ).fetchone()
    finally:
        con.close()
    return _feature(row[0], row[1], row[2:], names) if row else None


def tile_box(z: int, x: float, y: float, pad: float = 0.0) -> tuple[float, float, float, float]:
    """The tile's box in longitude and latitude (Web Mercator's tile grid), widened on every
    side by `pad` tiles."""
    n = 2**z
    west, east = (x - pad) / n * 360 - 180, (x + 1 + pad) / n * 360 - 180
    north = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y - pad) / n))))
    south = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 1 + pad) / n))))
    return west, south, east, north


def _tile_shape(z: int, x: int, y: int, names: list[str]) -> tuple[str, dict[str, float]]:
    """The expression of a feature's shape in the tile's own grid (0 to TILE_EXTENT, y down),
    cut to the tile and its buffer only where it reaches past them, and its parameters."""
    size = 2 * math.pi * EARTH_RADIUS / 2**z
    left, top = -math.pi * EARTH_RADIUS + x * size, math.pi * EARTH_RADIUS - y * size
    mercator = f"ST_Transform({GEOMETRY}, 'EPSG:4326', 'EPSG:3857', always_xy := true)"
    grid = f"ST_TransScale({mercator}, $left, $top, $scale, -$scale)"
    edge = f"ST_MakeEnvelope({-TILE_BUFFER}, {-TILE_BUFFER}, {TILE_EXTENT + TILE_BUFFER}, "
    edge += f"{TILE_EXTENT + TILE_BUFFER})"
    cut = f"ST_CollectionExtract(ST_Intersection({grid}, {edge}), ST_Dimension({GEOMETRY}) + 1)"
    shape = f"CASE WHEN {layout.box_within(names)} THEN {grid} ELSE {cut} END"
    return shape, {"left": -left, "top": -top, "scale": TILE_EXTENT / size}


def tile(path: Path, z: int, x: int, y: int, layer: str, columns: Sequence[str]) -> bytes:
    """The Mapbox vector tile z/x/y (WebMercatorQuad) of the layer, named `layer`, with the
    attributes `columns` (the caller picks those the viewer may see); empty bytes when no
    feature touches the tile. Only the features stored for this zoom are drawn (see
    `layout`)."""
    if not 0 <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        raise FeatureQueryError("tile.range", z=z, x=x, y=y)
    known = {name for name, _type in attributes(path)}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise FeatureQueryError("property.unknown", name=unknown[0])
    props = "".join(f", {literal(c)}: {quote_ident(c)}" for c in columns)
    picked = "".join(f", {quote_ident(c)}" for c in columns)
    west, south, east, north = tile_box(z, x, y, TILE_BUFFER / TILE_EXTENT)
    con = _connect()
    try:
        stored = _columns(path)
        shape, params = _tile_shape(z, x, y, stored)
        row = con.execute(
            f"SELECT ST_AsMVT({{'geom': shape, 'fid': fid{props}}}, $layer) FROM ("
            f"SELECT {shape} AS shape, {layout.fid_of(stored)} AS fid{picked} "
            f"FROM read_parquet({literal(str(path))}, file_row_number = true) "
            f"WHERE {layout.zoom_filter(stored, z)} AND {layout.box_filter(stored)}) "
            "WHERE NOT ST_IsEmpty(shape) HAVING count(*) > 0",
            {"layer": layer, "w": west, "s": south, "e": east, "n": north, **params},
        ).fetchone()
    finally:
        con.close()
    return bytes(row[0]) if row and row[0] else b""
