"""Reading layers: formats, layers of a file, coordinate systems (a missing one is a question),
reprojection to EPSG:4326 with the source system kept, and the GeoParquet version."""

import json
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from satudata.engines.geo import (
    CrsMissingError,
    LayerChoiceError,
    LayerFormatError,
    LayerUnreadableError,
    ingest_layer,
    inspect_layer,
    layers,
)

from .conftest import KECAMATAN, KELURAHAN, geopackage, kml, write_with_gdal, zipped

KOTA_TANGERANG = (106.55, -6.26, 106.75, -6.09)


def inside_kota(bbox: tuple[float, float, float, float] | None) -> bool:
    assert bbox is not None
    xmin, ymin, xmax, ymax = KOTA_TANGERANG
    return xmin <= bbox[0] < bbox[2] <= xmax and ymin <= bbox[1] < bbox[3] <= ymax


def test_the_kelurahan_boundaries_read_as_104_polygons_in_wgs84(options):
    seen = inspect_layer(KELURAHAN, options=options)
    assert seen.source.format == "geojson"
    assert seen.source.crs is not None and seen.source.crs.code == "EPSG:4326"
    assert seen.report.features == 104 and seen.report.types == {"POLYGON": 104}
    assert seen.report.family == "polygon"
    assert {"kode", "nama", "kode_kec"} <= set(seen.source.attributes)
    assert inside_kota(seen.bbox) and seen.problems == []


def test_a_utm_shapefile_is_reprojected_and_keeps_its_source_system(
    kecamatan_utm, tmp_path, options
):
    archive = zipped(kecamatan_utm, "kecamatan")
    target = tmp_path / "kecamatan.parquet"
    result = ingest_layer(archive, target, options=options)
    assert result.ok and result.path == target and result.checksum
    assert result.source.crs is not None and result.source.crs.code == "EPSG:32748"
    assert inside_kota(result.bbox)
    original = inspect_layer(KECAMATAN, options=options).bbox
    assert original is not None and result.bbox is not None
    assert all(abs(a - b) < 1e-6 for a, b in zip(result.bbox, original, strict=True))
    file = pq.ParquetFile(target)
    assert file.metadata.num_rows == 13
    assert file.schema_arrow.names == ["kode", "nama", "fid", "geom", "min_zoom", "bbox"]
    footer = file.schema_arrow.metadata
    assert json.loads(footer[b"geo"])["primary_column"] == "geom"
    kept = json.loads(footer[b"satudata_layer"])
    assert kept["source_crs"] == "EPSG:32748" and kept["layer"] == "kecamatan"
    assert pq.read_table(target).sort_by("fid").column("kode").to_pylist()[0] == "36.71.01"


def test_a_shapefile_without_its_prj_asks_for_the_coordinate_system(
    kecamatan_utm, tmp_path, options
):
    archive = zipped(kecamatan_utm, "kecamatan", without=(".prj",))
    with pytest.raises(CrsMissingError) as caught:
        inspect_layer(archive, options=options)
    assert caught.value.problem.rule == "crs.missing"
    assert "EPSG:32748" in caught.value.problem.hint_text()
    result = ingest_layer(archive, tmp_path / "out.parquet", crs="EPSG:32748", options=options)
    assert result.ok and inside_kota(result.bbox)
    assert result.source.crs is not None and result.source.crs.code == "EPSG:32748"


def test_a_shapefile_missing_its_dbf_says_which_file(kecamatan_utm, options):
    archive = zipped(kecamatan_utm, "kecamatan", without=(".dbf",))
    with pytest.raises(LayerUnreadableError) as caught:
        inspect_layer(archive, options=options)
    assert caught.value.problem.params["missing"] == ".dbf"


def test_a_geopackage_with_two_layers_asks_which_one(tmp_path, options):
    package = geopackage(tmp_path / "batas.gpkg", {"kecamatan": KECAMATAN, "kelurahan": KELURAHAN})
    assert sorted(layers(package, options=options)) == ["kecamatan", "kelurahan"]
    with pytest.raises(LayerChoiceError) as caught:
        inspect_layer(package, options=options)
    assert "kecamatan, kelurahan" in caught.value.problem.text()
    chosen = inspect_layer(package, layer="kelurahan", options=options)
    assert chosen.report.features == 104 and chosen.source.layers == ("kecamatan", "kelurahan")
    with pytest.raises(LayerChoiceError):
        inspect_layer(package, layer="rw", options=options)


@pytest.mark.parametrize(("driver", "name"), [("FlatGeobuf", "batas.fgb"), ("GeoJSON", "b.json")])
def test_other_formats_read_the_same_kecamatan(driver, name, tmp_path, options):
    path = write_with_gdal(KECAMATAN, tmp_path / name, driver, "EPSG:4326")
    seen = inspect_layer(path, options=options)
    assert seen.report.features == 13 and inside_kota(seen.bbox)


def test_kml_and_kmz_read_the_same_kecamatan(tmp_path, options):
    document = kml(KECAMATAN, tmp_path / "batas.kml")
    seen = inspect_layer(document, options=options)
    assert seen.report.features == 13 and inside_kota(seen.bbox) and seen.problems == []
    kmz = tmp_path / "batas.kmz"
    with zipfile.ZipFile(kmz, "w") as out:
        out.write(document, "doc.kml")
    assert inspect_layer(kmz, options=options).report.features == 13


def test_a_zip_with_two_shapefiles_asks_which_one(kecamatan_utm, options):
    write_with_gdal(KELURAHAN, kecamatan_utm / "kelurahan.shp", "ESRI Shapefile", "EPSG:4326")
    archive = kecamatan_utm / "batas.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for part in sorted(kecamatan_utm.glob("*.*")):
            if part.suffix != ".zip":
                out.write(part, part.name)
    assert layers(archive, options=options) == ["kecamatan", "kelurahan"]
    with pytest.raises(LayerChoiceError):
        inspect_layer(archive, options=options)
    chosen = inspect_layer(archive, layer="kelurahan", options=options)
    assert chosen.report.features == 104 and chosen.source.crs.code == "EPSG:4326"


def test_files_that_are_not_layers_get_a_clear_error(tmp_path, options):
    with pytest.raises(LayerFormatError):
        inspect_layer(tmp_path / "data.xlsx", options=options)
    broken = tmp_path / "batas.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LayerUnreadableError):
        inspect_layer(broken, options=options)
    empty = tmp_path / "kosong.zip"
    with zipfile.ZipFile(empty, "w") as out:
        out.writestr("catatan.txt", "tidak ada shapefile")
    with pytest.raises(LayerFormatError):
        inspect_layer(empty, options=options)
    garbage = tmp_path / "rusak.geojson"
    garbage.write_text("{not json")
    with pytest.raises(LayerUnreadableError):
        inspect_layer(garbage, filename="rusak.geojson", options=options)


def test_the_file_name_the_user_gave_picks_the_format(tmp_path, options):
    stored = tmp_path / "upload-7f3a"
    stored.write_bytes(Path(KECAMATAN).read_bytes())
    seen = inspect_layer(stored, filename="kecamatan.geojson", options=options)
    assert seen.source.filename == "kecamatan.geojson" and seen.report.features == 13
