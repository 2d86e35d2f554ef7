"""The geospatial engine (no Django): read a layer from a Shapefile zip, GeoPackage, GeoJSON,
KML/KMZ or FlatGeobuf, report and repair its geometries, reproject it to EPSG:4326 and write
it as GeoParquet. DuckDB's spatial extension (GDAL, GEOS and PROJ inside) does the work."""

from satudata.engines.geo.errors import (
    CrsMissingError,
    CrsUnknownError,
    LayerChoiceError,
    LayerError,
    LayerFormatError,
    LayerUnreadableError,
)
from satudata.engines.geo.model import (
    Crs,
    GeometryReport,
    LayerInspection,
    LayerResult,
    LayerSource,
)
from satudata.engines.geo.pipeline import ingest_layer, inspect_layer, layers

__all__ = [
    "Crs",
    "CrsMissingError",
    "CrsUnknownError",
    "GeometryReport",
    "LayerChoiceError",
    "LayerError",
    "LayerFormatError",
    "LayerInspection",
    "LayerResult",
    "LayerSource",
    "LayerUnreadableError",
    "ingest_layer",
    "inspect_layer",
    "layers",
]
