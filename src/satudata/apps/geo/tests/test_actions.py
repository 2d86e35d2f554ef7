"""The base layers built from the boundaries the package ships: Kota Tangerang's kelurahan and
kecamatan, and the national provinsi and kabupaten/kota."""

import pytest
from django.test import Client

from satudata.apps.geo.actions import do_load_base_layers, do_load_national_layers
from satudata.apps.geo.models import BaseLayer
from satudata.platform import storage
from satudata.platform.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_kelurahan_and_kecamatan_are_built_with_their_extent_and_attributes(base_layers):
    kelurahan, kecamatan = base_layers["kelurahan"], base_layers["kecamatan"]
    assert (kelurahan.features, kecamatan.features) == (104, 13)
    west, south, east, north = kelurahan.bbox
    assert 106.5 < west < east < 106.8 and -6.3 < south < north < -6.0
    assert ["kode", "VARCHAR"] in kecamatan.attributes
    assert storage.absolute(kecamatan.parquet_path).is_file()
    assert AuditEntry.objects.filter(action="geo.base_layers.load").count() == 1


def test_reloading_writes_new_files_and_keeps_one_row_per_layer(base_layers):
    before = base_layers["kelurahan"].parquet_path
    again = {layer.slug: layer for layer in do_load_base_layers()}
    assert BaseLayer.objects.count() == 2
    assert again["kelurahan"].parquet_path != before
    assert again["kelurahan"].checksum == base_layers["kelurahan"].checksum


def test_the_national_layers_are_built_from_the_shipped_boundaries_and_served(db):
    layers = {layer.slug: layer for layer in do_load_national_layers()}
    provinsi, kabkota = layers["provinsi"], layers["kabupaten-kota"]
    assert (provinsi.features, kabkota.features) == (38, 514)
    assert provinsi.level == BaseLayer.Level.PROVINSI
    west, south, east, north = provinsi.bbox
    assert 94 < west < 96 and 140 < east < 142 and -12 < south < north < 7
    page = Client().get("/ogc/collections/kabupaten-kota/items", {"kode": "36.71"}).json()
    assert [f["properties"]["nama"] for f in page["features"]] == ["Kota Tangerang"]
    banten = Client().get("/ogc/collections/provinsi/items", {"kode": "36"}).json()["features"]
    assert [f["properties"]["nama"] for f in banten] == ["Banten"]
    assert banten[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
