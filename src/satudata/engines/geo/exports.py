"""A layer version in the formats GIS software opens: GeoJSON (RFC 7946, longitude and
latitude) and GeoPackage (WGS 84 in longitude, latitude order: OGC:CRS84), written by GDAL
from the version's GeoParquet file."""

# SQL here is built only from literal() values.
# ruff: noqa: S608

from __future__ import annotations

from pathlib import Path

from satudata.engines import duck
from satudata.engines.geo import layout
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
        stored = f"read_parquet({literal(str(source))})"
        names = layout.columns(con, stored)
        hidden = [n for n in (layout.FID, layout.BBOX, layout.MIN_ZOOM) if n in names]
        exclude = f" EXCLUDE ({', '.join(hidden)})" if hidden else ""
        order = f" ORDER BY {layout.FID}" if layout.FID in names else ""
        select = f"SELECT *{exclude} FROM {stored}{order}"
        con.execute(
            f"COPY ({select}) TO {literal(str(target))} "
            f"WITH (FORMAT GDAL, {DRIVERS[fmt]}, SRS 'OGC:CRS84', LAYER_NAME {literal(name)})"
        )
    finally:
        con.close()
