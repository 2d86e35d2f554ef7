"""Find the layer in an upload and what it says of itself: format, layers, coordinate system,
feature count and attributes. GDAL (inside DuckDB's spatial extension) reads every format."""

# SQL here is built only from literal() values.
# ruff: noqa: S608

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from satudata.engines.geo.errors import (
    CrsMissingError,
    LayerChoiceError,
    LayerFormatError,
    LayerUnreadableError,
    geo_fail,
)
from satudata.engines.geo.model import Crs, LayerSource
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.problems import N_

FORMATS = {
    ".zip": "shapefile",
    ".gpkg": "gpkg",
    ".geojson": "geojson",
    ".json": "geojson",
    ".kml": "kml",
    ".kmz": "kmz",
    ".fgb": "flatgeobuf",
}
SHAPEFILE_PARTS = (".shx", ".dbf")
MAX_MEMBERS = 1_000


def _members(path: Path, filename: str) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise geo_fail(
            LayerUnreadableError,
            N_('"%(filename)s" is not a readable zip file.'),
            N_("Make the zip file again with the .shp, .shx, .dbf and .prj files and upload it."),
            filename=filename,
        ) from exc
    if len(names) > MAX_MEMBERS:
        raise geo_fail(
            LayerUnreadableError,
            N_('"%(filename)s" holds more than %(count)s files.'),
            N_("Upload a zip with only the files of the layers."),
            filename=filename,
            count=MAX_MEMBERS,
        )
    return [n for n in names if not n.endswith("/") and "__MACOSX" not in n]


def _shapefiles(path: Path, filename: str) -> dict[str, tuple[str, bool]]:
    """The layers of a zipped shapefile: name → (member path, whether it has a .prj)."""
    members = _members(path, filename)
    lower = {m.lower(): m for m in members}
    found: dict[str, tuple[str, bool]] = {}
    for member in members:
        pure = PurePosixPath(member)
        if pure.suffix.lower() != ".shp":
            continue
        stem = str(pure.with_suffix("")).lower()
        missing = [s for s in SHAPEFILE_PARTS if stem + s not in lower]
        if missing:
            raise geo_fail(
                LayerUnreadableError,
                N_('The shapefile "%(layer)s" in "%(filename)s" lacks its %(missing)s file.'),
                N_("Put all the files of the shapefile (.shp, .shx, .dbf, .prj) in the zip."),
                filename=filename,
                layer=pure.stem,
                missing=", ".join(missing),
            )
        found[pure.stem] = (member, stem + ".prj" in lower)
    if not found:
        raise geo_fail(
            LayerFormatError,
            N_('"%(filename)s" holds no shapefile (.shp).'),
            N_("Zip the .shp file with its .shx, .dbf and .prj files and upload the zip."),
            filename=filename,
        )
    return found


def _kml_member(path: Path, filename: str) -> str:
    kml = [m for m in _members(path, filename) if m.lower().endswith(".kml")]
    if not kml:
        raise geo_fail(
            LayerFormatError,
            N_('"%(filename)s" holds no KML document.'),
            N_("Export the layer from Google Earth or QGIS as KMZ or KML again."),
            filename=filename,
        )
    return next((m for m in kml if PurePosixPath(m).name.lower() == "doc.kml"), kml[0])


def detect(path: Path, filename: str) -> str:
    fmt = FORMATS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise geo_fail(
            LayerFormatError,
            N_('"%(filename)s" is not a layer file this portal reads.'),
            N_(
                "Upload a zipped Shapefile, GeoPackage (.gpkg), GeoJSON, KML or KMZ, or "
                "FlatGeobuf (.fgb) file."
            ),
            filename=filename,
        )
    return fmt


def _meta(con: duckdb.DuckDBPyConnection, gdal_path: str, filename: str) -> list[dict[str, Any]]:
    try:
        # ST_Read fails cleanly on a file GDAL cannot open; ST_Read_Meta would crash on it.
        con.execute(f"SELECT 1 FROM ST_Read({literal(gdal_path)}) LIMIT 0")
        row = con.execute(f"SELECT layers FROM ST_Read_Meta({literal(gdal_path)})").fetchone()
    except duckdb.Error as exc:
        raise geo_fail(
            LayerUnreadableError,
            N_('"%(filename)s" cannot be read as a layer.'),
            N_("Open it in QGIS to check it, export it again and upload the new file."),
            filename=filename,
        ) from exc
    layers = list(row[0]) if row and row[0] else []
    return [layer for layer in layers if layer.get("geometry_fields")]


def _crs(layer: dict[str, Any]) -> Crs | None:
    crs = (layer["geometry_fields"][0] or {}).get("crs") or {}
    if crs.get("auth_name") and crs.get("auth_code"):
        return Crs(f"{crs['auth_name']}:{crs['auth_code']}", crs.get("name") or "")
    if crs.get("projjson"):
        return Crs(crs["projjson"], crs.get("name") or "")
    return None


def _pick(layers: list[dict[str, Any]], wanted: str | None, filename: str) -> dict[str, Any]:
    names = [layer["name"] for layer in layers]
    if not layers:
        raise geo_fail(
            LayerUnreadableError,
            N_('"%(filename)s" has no layer with geometries.'),
            N_("Check in QGIS that the file holds points, lines or polygons."),
            filename=filename,
        )
    if wanted is None:
        if len(layers) > 1:
            raise geo_fail(
                LayerChoiceError,
                N_('"%(filename)s" holds %(count)s layers: %(layers)s.'),
                N_("Choose the layer to publish; upload the file again for each other layer."),
                filename=filename,
                count=len(layers),
                layers=", ".join(names),
            )
        return layers[0]
    for layer in layers:
        if layer["name"] == wanted:
            return layer
    raise geo_fail(
        LayerChoiceError,
        N_('"%(filename)s" has no layer "%(layer)s"; it holds %(layers)s.'),
        N_("Choose one of the layers the file holds."),
        filename=filename,
        layer=wanted,
        layers=", ".join(names),
    )


def layer_names(con: duckdb.DuckDBPyConnection, path: Path, filename: str) -> list[str]:
    """Every layer with geometries in the upload (a GeoPackage or a zip may hold several)."""
    fmt = detect(path, filename)
    if fmt == "shapefile":
        return sorted(_shapefiles(path, filename))
    return [layer["name"] for layer in _meta(con, _gdal_path(path, filename, fmt), filename)]


def _gdal_path(path: Path, filename: str, fmt: str) -> str:
    if fmt == "kmz":
        return f"/vsizip/{path}/{_kml_member(path, filename)}"
    return str(path)


def open_layer(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    filename: str,
    layer: str | None = None,
    crs: str | None = None,
) -> LayerSource:
    """The layer to read. `crs` ("EPSG:32748") is the coordinate system the uploader chose for
    a layer that does not say its own; a layer that says it keeps its own."""
    fmt = detect(path, filename)
    if fmt == "shapefile":
        shapefiles = _shapefiles(path, filename)
        names = sorted(shapefiles)
        name = _pick([{"name": n} for n in names], layer, filename)["name"]
        member, has_prj = shapefiles[name]
        gdal_path = f"/vsizip/{path}/{member}"
        if not has_prj and crs is None:
            raise geo_fail(
                CrsMissingError,
                N_(
                    'The shapefile "%(layer)s" has no .prj file, so its coordinate system is '
                    "unknown."
                ),
                N_(
                    "Add the .prj file to the zip, or choose the coordinate system when you "
                    "upload (for example EPSG:32748, WGS 84 / UTM zone 48S)."
                ),
                layer=name,
            )
        found = _pick(_meta(con, gdal_path, filename), None, filename)
    else:
        gdal_path = _gdal_path(path, filename, fmt)
        layers = _meta(con, gdal_path, filename)
        found = _pick(layers, layer, filename)
        names = [item["name"] for item in layers]
    own = _crs(found)
    if own is None and crs is None:
        raise geo_fail(
            CrsMissingError,
            N_('The layer "%(layer)s" does not say its coordinate system.'),
            N_("Choose the coordinate system when you upload (for example EPSG:4326)."),
            layer=found["name"],
        )
    return LayerSource(
        format=fmt,
        filename=filename,
        gdal_path=gdal_path,
        layer=found["name"],
        layers=tuple(names),
        crs=own or Crs(str(crs)),
        feature_count=int(found.get("feature_count") or 0),
        attributes=tuple(f["name"] for f in found.get("fields") or []),
    )
