"""Layer files for the tests, written by GDAL (DuckDB's spatial extension) from the real Kota
Tangerang boundaries the package ships (`apps/registry/data`, from `shared/data/boundaries`),
and small GeoJSON files with broken shapes."""

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from satudata.engines import duck
from satudata.engines.tabular.model import Options

BOUNDARIES = Path(__file__).resolve().parents[3] / "apps" / "registry" / "data"
KECAMATAN = BOUNDARIES / "kota_tangerang_kecamatan.geojson"
KELURAHAN = BOUNDARIES / "kota_tangerang_kelurahan.geojson"


@pytest.fixture
def options(tmp_path: Path) -> Options:
    return Options(temp_dir=tmp_path / "work")


def write_with_gdal(source: Path, target: Path, driver: str, srs: str, **extra: str) -> Path:
    con = duck.connect(extensions=["spatial"])
    geom = "geom"
    if srs != "EPSG:4326":
        geom = f"ST_Transform(geom, 'EPSG:4326', '{srs}', always_xy := true)"
    options = "".join(f", {key} '{value}'" for key, value in extra.items())
    con.execute(
        f"COPY (SELECT kode, nama, {geom} AS geom FROM ST_Read('{source}')) TO '{target}' "
        f"WITH (FORMAT GDAL, DRIVER '{driver}', SRS '{srs}'{options})"
    )
    con.close()
    return target


def kml(source: Path, target: Path) -> Path:
    """A KML document of the polygons of a GeoJSON file, written by hand: KML holds
    "longitude,latitude" pairs whatever the writer's axis order."""
    placemarks = []
    for item in json.loads(source.read_text())["features"]:
        rings = item["geometry"]["coordinates"]
        boundaries = "".join(
            f"<{tag}><LinearRing><coordinates>"
            + " ".join(f"{x},{y}" for x, y in ring)
            + f"</coordinates></LinearRing></{tag}>"
            for tag, ring in zip(
                ["outerBoundaryIs"] + ["innerBoundaryIs"] * (len(rings) - 1), rings, strict=True
            )
        )
        placemarks.append(
            f"<Placemark><name>{item['properties']['nama']}</name>"
            f"<Polygon>{boundaries}</Polygon></Placemark>"
        )
    target.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>batas</name>'
        + "".join(placemarks)
        + "</Document></kml>"
    )
    return target


def geopackage(target: Path, layers: dict[str, Path]) -> Path:
    """One GeoPackage holding several layers: each written by GDAL to its own file, then its
    table and registrations copied into the first (a GeoPackage is an SQLite database)."""
    parts = {}
    for name, source in layers.items():
        part = target.with_name(f"{name}.part.gpkg")
        write_with_gdal(source, part, "GPKG", "EPSG:4326", LAYER_NAME=name)
        parts[name] = part
    first, *others = parts
    parts[first].rename(target)
    with sqlite3.connect(target) as db:
        for name in others:
            db.execute("ATTACH DATABASE ? AS other", [str(parts[name])])
            db.execute(f'CREATE TABLE "{name}" AS SELECT * FROM other."{name}"')
            for table in ("gpkg_contents", "gpkg_geometry_columns"):
                db.execute(f"INSERT INTO {table} SELECT * FROM other.{table}")
            db.commit()
            db.execute("DETACH DATABASE other")
            parts[name].unlink()
    return target


def zipped(folder: Path, name: str, *, without: tuple[str, ...] = ()) -> Path:
    archive = folder / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for part in sorted(folder.glob(f"{name}.*")):
            if part.suffix not in (".zip", *without):
                out.write(part, f"data/{part.name}")
    return archive


@pytest.fixture
def kecamatan_utm(tmp_path: Path) -> Path:
    """The 13 kecamatan as a zipped shapefile in WGS 84 / UTM zone 48S."""
    folder = tmp_path / "shp"
    folder.mkdir()
    write_with_gdal(KECAMATAN, folder / "kecamatan.shp", "ESRI Shapefile", "EPSG:32748")
    return folder


def feature(geometry: dict[str, Any] | None, **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def geojson(path: Path, *features: dict[str, Any]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
    return path


def square(x: float, y: float, size: float = 0.01) -> dict[str, Any]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def bowtie(x: float, y: float, size: float = 0.01) -> dict[str, Any]:
    """A ring that crosses itself: invalid, and repaired into two triangles."""
    ring = [[x, y], [x + size, y + size], [x + size, y], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}
