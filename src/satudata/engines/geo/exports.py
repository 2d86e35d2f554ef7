"""A layer version in the formats GIS software opens: GeoJSON (RFC 7946, longitude and
latitude) and GeoPackage (WGS 84 in longitude, latitude order: OGC:CRS84), written by GDAL
from the version's GeoParquet file."""

# SQL here is built only from literal() values.
# ruff: noqa: S608

from __future__ import annotations

from pathlib import Path

from satudata.engines import duck
from satudata.engines.tabular.casts import literal

DRIVERS = {
    "geojson": "DRIVER 'GeoJSON', LAYER_CREATION_OPTIONS 'RFC7946=YES'",
    "gpkg": "DRIVER 'GPKG'",
}
LAYER_FORMATS = tuple(DRIVERS)


def export_layer(source: Path, target: Path, fmt: str, name: str) -> None:
    """Write the layer at `source` to `target` in `fmt` ("geojson" or "gpkg") as layer `name`."""
    if fmt not in DRIVERS:
        raise ValueError(f"unknown layer format {fmt!r}")
    con = duck.connect(extensions=["spatial"], threads=1)
    try:
        con.execute(
            f"COPY (SELECT * FROM read_parquet({literal(str(source))})) TO {literal(str(target))} "
            f"WITH (FORMAT GDAL, {DRIVERS[fmt]}, SRS 'OGC:CRS84', LAYER_NAME {literal(name)})"
        )
    finally:
        con.close()
