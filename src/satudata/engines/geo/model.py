"""What the geospatial engine reads and reports: a layer's source, its geometry report and the
result of ingesting it into a GeoParquet version."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from satudata.engines.tabular.model import Field
from satudata.engines.tabular.problems import Problem, ProblemCount

TARGET_CRS = "EPSG:4326"
# Indonesia's extent with a margin (Sabang to Merauke, Miangas to Rote), lon/lat.
INDONESIA_BBOX = (94.0, -11.5, 141.5, 6.5)

GEOMETRY_FAMILIES = {
    "POINT": "point",
    "MULTIPOINT": "point",
    "LINESTRING": "line",
    "MULTILINESTRING": "line",
    "POLYGON": "polygon",
    "MULTIPOLYGON": "polygon",
}


@dataclass(frozen=True, slots=True)
class Crs:
    """A coordinate reference system as its authority code ("EPSG:32748") and name."""

    code: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class LayerSource:
    """One layer of an upload: how GDAL reaches it, its name and what it says of itself."""

    format: str
    filename: str
    gdal_path: str
    layer: str
    layers: tuple[str, ...]
    crs: Crs | None
    feature_count: int
    attributes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GeometryReport:
    """How many features had each kind of geometry problem; `problems` lists them (capped)."""

    features: int
    invalid: int = 0
    repaired: int = 0
    empty: int = 0
    outside: int = 0
    types: dict[str, int] = field(default_factory=dict)

    @property
    def family(self) -> str | None:
        families = {GEOMETRY_FAMILIES.get(t, "other") for t in self.types}
        return next(iter(families)) if len(families) == 1 else None


@dataclass(frozen=True, slots=True)
class LayerInspection:
    source: LayerSource
    report: GeometryReport
    bbox: tuple[float, float, float, float] | None
    problems: list[Problem]
    fields: list[Field] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LayerResult:
    """An ingest: `path` is the GeoParquet file and `table_path` the attribute table (same
    features, same order), both written only when `ok` (no errors). `fields` are the attributes
    as a table's fields, with their statistics."""

    ok: bool
    source: LayerSource
    report: GeometryReport
    bbox: tuple[float, float, float, float] | None
    problems: list[Problem]
    counts: list[ProblemCount]
    fields: list[Field] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    path: Path | None = None
    checksum: str | None = None
    size: int | None = None
    table_path: Path | None = None
    table_checksum: str | None = None
