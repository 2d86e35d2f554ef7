"""Layer uploads through the pages: a layer file becomes a version with its attribute table and
its shapes; a missing coordinate system and a file of several layers are questions."""

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satudata.apps.catalog.models import Upload
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import (
    KECAMATAN,
    KELURAHAN,
    geopackage,
    write_with_gdal,
    zipped,
)
from satudata.platform import storage
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def send(client, dataset, path: Path, name: str | None = None, **extra):
    file = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post(f"/kerja/dataset/{dataset.slug}/unggah/", {"file": file, **extra})


def accept(client, upload: Upload):
    return client.post(f"/kerja/unggahan/{upload.pk}/simpan/")


def test_a_geojson_layer_becomes_a_version_with_its_table_and_its_shapes(crew):
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    response = send(client, dataset, KELURAHAN)
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY and upload.is_layer
    assert upload.result["rows"] == 104 and upload.result["geo"]["family"] == "polygon"
    page = client.get(response["Location"]).content.decode()
    assert "EPSG:4326" in page and "Save as a new version" in page and "Sukarasa" in page
    assert "layer “kota_tangerang_kelurahan”" in page
    accept(client, upload)
    dataset.refresh_from_db()
    version = dataset.candidate_version
    assert version.is_layer and version.rows == 104
    assert version.geo["source_crs"] == "EPSG:4326" and len(version.geo["bbox"]) == 4
    table = pq.read_table(storage.absolute(version.parquet_path))
    shapes = pq.read_table(storage.absolute(version.geo["path"])).sort_by("fid")
    assert "geom" not in table.column_names and "geom" in shapes.column_names
    assert table.column("kode").to_pylist() == shapes.column("kode").to_pylist()
    kode = next(f for f in version.fields if f["name"] == "kode")
    assert kode["role"] == "kode_wilayah" and kode["distinct_count"] == 104
    assert not list(storage.files_root().joinpath("staging").glob("*.parquet"))


def test_a_shapefile_without_prj_asks_for_the_system_then_reads_in_it(crew, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    write_with_gdal(KECAMATAN, folder / "kecamatan.shp", "ESRI Shapefile", "EPSG:32748")
    archive = zipped(folder, "kecamatan", without=(".prj",))
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    response = send(client, dataset, archive)
    first = Upload.objects.get()
    assert first.status == Upload.Status.FAILED and first.error["rule"] == "crs.missing"
    page = client.get(response["Location"]).content.decode()
    assert "Which coordinate system does the layer use?" in page and "EPSG:32748" in page
    bad = client.post(f"/kerja/unggahan/{first.pk}/sistem-koordinat/", {"code": "UTM 48"})
    assert bad["Location"] == f"/kerja/unggahan/{first.pk}/"
    chosen = client.post(f"/kerja/unggahan/{first.pk}/sistem-koordinat/", {"choice": "EPSG:32748"})
    fresh = Upload.objects.exclude(pk=first.pk).get()
    assert chosen["Location"] == f"/kerja/unggahan/{fresh.pk}/"
    assert fresh.status == Upload.Status.READY and fresh.crs == "EPSG:32748"
    assert fresh.result["geo"]["source_crs"] == "EPSG:32748"
    west, south, east, north = fresh.result["geo"]["bbox"]
    assert 106.5 < west < east < 106.8 and -6.3 < south < north < -6.0
    first.refresh_from_db()
    assert first.status == Upload.Status.DISCARDED


def test_a_geopackage_of_two_layers_asks_which_one(crew, tmp_path):
    package = geopackage(tmp_path / "batas.gpkg", {"kecamatan": KECAMATAN, "kelurahan": KELURAHAN})
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    response = send(client, dataset, package)
    first = Upload.objects.get()
    assert first.status == Upload.Status.FAILED and first.error["rule"] == "layer.choice"
    assert sorted(first.sheets) == ["kecamatan", "kelurahan"]
    assert "Layer to publish" in client.get(response["Location"]).content.decode()
    client.post(f"/kerja/unggahan/{first.pk}/lembar/", {"sheet": "kecamatan"})
    fresh = Upload.objects.exclude(pk=first.pk).get()
    assert fresh.status == Upload.Status.READY and fresh.sheet == "kecamatan"
    assert fresh.result["rows"] == 13


def test_a_second_layer_version_records_features_added_and_removed(crew, tmp_path):
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    send(client, dataset, KELURAHAN)
    accept(client, Upload.objects.get())
    collection = json.loads(KELURAHAN.read_text())
    collection["features"] = collection["features"][:100]
    smaller = tmp_path / "kelurahan.geojson"
    smaller.write_text(json.dumps(collection))
    send(client, dataset, smaller)
    accept(client, Upload.objects.get(status=Upload.Status.READY))
    dataset.refresh_from_db()
    layer = dataset.candidate_version.diff["layer"]
    assert layer["key"] == "kode" and layer["removed"] == 4 and layer["added"] == 0


def test_a_layer_outside_indonesia_is_invalid_and_discarding_keeps_nothing(crew, tmp_path):
    collection = json.loads(KECAMATAN.read_text())
    for item in collection["features"]:
        for ring in item["geometry"]["coordinates"]:
            ring[:] = [[y, x] for x, y in ring]
    swapped = tmp_path / "terbalik.geojson"
    swapped.write_text(json.dumps(collection))
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    response = send(client, dataset, swapped)
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.INVALID
    assert {p["rule"] for p in upload.problems} == {"geometry.outside"}
    assert (
        "longitude and latitude may be swapped" in client.get(response["Location"]).content.decode()
    )
    client.post(f"/kerja/unggahan/{upload.pk}/buang/")
    upload.refresh_from_db()
    assert upload.status == Upload.Status.DISCARDED
    assert not list(storage.files_root().joinpath("staging").glob("*.parquet"))
