"""Tables that are layers too, uploaded through the pages: points from longitude and latitude
columns, the boundaries of kode wilayah, and the errors a point outside Indonesia gives."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satudata.apps.catalog.models import Upload
from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import KELURAHAN
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db
PUSKESMAS = [  # Puskesmas of Kota Tangerang, approximate positions
    ("Puskesmas Tangerang", 106.6319, -6.1745),
    ("Puskesmas Cipondoh", 106.6960, -6.1836),
    ("Puskesmas Karawaci Baru", 106.6097, -6.1903),
    ("Puskesmas Ciledug", 106.7186, -6.2270),
]


@pytest.fixture
def crew():
    return people()


@pytest.fixture
def base_layers(db):
    return do_load_base_layers()


def send(client, dataset, name: str, text: str, **extra):
    file = SimpleUploadedFile(name, text.encode("utf-8"))
    return client.post(f"/kerja/dataset/{dataset.slug}/unggah/", {"file": file, **extra})


def csv(rows) -> str:
    return "nama,bujur,lintang\n" + "".join(f"{n},{x},{y}\n" for n, x, y in rows)


def test_a_table_with_longitude_and_latitude_becomes_a_point_layer(crew):
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    response = send(client, dataset, "puskesmas.csv", csv(PUSKESMAS))
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY and upload.is_layer
    geo = upload.result["geo"]
    assert geo["family"] == "point" and geo["report"]["features"] == 4
    assert geo["made_from"] == {"kind": "points", "columns": ["bujur", "lintang"]}
    assert geo["bbox"] == pytest.approx([106.6097, -6.2270, 106.7186, -6.1745])
    page = client.get(response["Location"]).content.decode()
    assert "bujur, lintang" in page
    client.post(f"/kerja/unggahan/{upload.pk}/simpan/")
    version = dataset.versions.get()
    assert version.is_layer and version.rows == 4
    found = client.get(f"/peta/{dataset.slug}/1/cari", {"q": "ciledug"}).json()
    assert found["matches"][0]["text"] == "Puskesmas Ciledug"


def test_swapped_coordinates_are_errors_with_their_row(crew):
    dataset = make_dataset(crew["org"], published=False)
    swapped = [(name, y, x) for name, x, y in PUSKESMAS]
    send(signed_in(crew["produsen"]), dataset, "puskesmas.csv", csv(swapped))
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.INVALID and not upload.is_layer
    outside = [p for p in upload.problems if p["rule"] == "geometry.outside"]
    assert [p["row"] for p in outside] == [1, 2, 3, 4]
    assert upload.result["error_count"] == 4


def test_a_table_only_when_the_uploader_says_so(crew):
    dataset = make_dataset(crew["org"], published=False)
    send(signed_in(crew["produsen"]), dataset, "puskesmas.csv", csv(PUSKESMAS), geometry="none")
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY and not upload.is_layer


def test_a_table_of_kelurahan_becomes_their_boundaries(crew, base_layers):
    codes = [f["properties"]["kode"] for f in json.loads(KELURAHAN.read_text())["features"]]
    rows = "".join(f"{code.replace('.', '')},{k}\n" for k, code in enumerate(codes[:20]))
    text = "kode_wilayah,jumlah_posyandu\n" + rows + "3671999999,5\n"
    dataset = make_dataset(crew["org"], published=False)
    send(signed_in(crew["produsen"]), dataset, "posyandu.csv", text, geometry="wilayah")
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY and upload.is_layer
    geo = upload.result["geo"]
    assert geo["family"] == "polygon" and geo["report"]["features"] == 21
    assert geo["made_from"]["level"] == "kelurahan"
    [unmatched] = [p for p in upload.problems if p["rule"] == "geometry.unmatched"]
    assert (unmatched["row"], unmatched["value"]) == (21, "3671999999")


def test_boundaries_need_a_kode_wilayah_column(crew, base_layers):
    dataset = make_dataset(crew["org"], published=False)
    send(signed_in(crew["produsen"]), dataset, "puskesmas.csv", csv(PUSKESMAS), geometry="wilayah")
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY and not upload.is_layer
    assert [p["rule"] for p in upload.problems] == ["geometry.no_wilayah"]


def test_the_upload_form_offers_the_choice(crew):
    dataset = make_dataset(crew["org"], published=False)
    page = signed_in(crew["produsen"]).get(f"/kerja/dataset/{dataset.slug}/unggah/")
    assert 'name="geometry"' in page.content.decode()
