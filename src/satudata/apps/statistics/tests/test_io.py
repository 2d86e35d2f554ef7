import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from satudata.apps.portal.tests.helpers import signed_in
from satudata.apps.statistics.models import Kegiatan
from satudata.apps.statistics.tests.conftest import make_kegiatan

pytestmark = pytest.mark.django_db


def _metadata(kegiatan: Kegiatan) -> tuple:
    return (
        kegiatan.ms_keg(),
        [v.ms_var() for v in kegiatan.variabel.all()],
        [i.ms_ind() for i in kegiatan.indikator.all()],
    )


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_export_then_import_gives_the_same_metadata(who, fmt):
    kegiatan = make_kegiatan(
        who, uji_coba=True, jumlah_petugas=12, jadwal_desain_mulai="2025-03-01"
    )
    before = _metadata(kegiatan)
    client = signed_in(who["produsen"])
    exported = client.get(f"/kerja/statistik/ekspor.{fmt}?kegiatan={kegiatan.slug}")
    assert exported.status_code == 200
    content = exported.content
    kegiatan.delete()
    upload = SimpleUploadedFile(f"ms.{fmt}", content)
    response = client.post("/kerja/statistik/impor/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    again = Kegiatan.objects.get()
    assert _metadata(again) == before


def test_export_leaves_out_private_entries_for_others(who):
    kegiatan = make_kegiatan(who)
    doc = (
        signed_in(who["stranger"])
        .get(f"/kerja/statistik/ekspor.json?kegiatan={kegiatan.slug}")
        .json()
    )
    assert [v["nama"] for v in doc["kegiatan"][0]["variabel"]] == ["Umur balita"]
    hidden = make_kegiatan(who, published=False, judul="Tersembunyi")
    doc = (
        signed_in(who["stranger"])
        .get(f"/kerja/statistik/ekspor.json?kegiatan={hidden.slug}")
        .json()
    )
    assert doc["kegiatan"] == []


def test_broken_workbook_shows_precise_messages_and_saves_nothing(who):
    client = signed_in(who["produsen"])
    content = client.get("/kerja/statistik/ekspor.xlsx?kegiatan=" + make_kegiatan(who).slug).content
    Kegiatan.objects.all().delete()
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["MS-Var"]
    for row in range(4, 7):
        sheet.cell(row, 1).value = None
    sheet.append([sheet.cell(2, 1).value, 2025, "Berat", None, "Berat", None])
    book["MS-Keg"].cell(2, 2).value = "tahun ini"
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("ms.xlsx", buffer.getvalue())
    page = client.post("/kerja/statistik/impor/", {"file": upload}).content.decode()
    assert "Sheet MS-Var, row 7, column &#x27;Definisi&#x27;: required: fill it in" in page
    assert (
        "Sheet MS-Keg, row 2, column &#x27;Tahun&#x27;: “tahun ini” is not a whole number" in page
    )
    assert "not on sheet MS-Keg" not in page  # the MS-Keg row's own problem is enough
    assert not Kegiatan.objects.exists()


def test_import_json_problems_and_permissions(who):
    client = signed_in(who["produsen"])
    doc = {"kegiatan": [{"ms_keg": {"judul": "X", "tahun": 2025}}]}
    upload = SimpleUploadedFile("ms.json", json.dumps(doc).encode())
    page = client.post("/kerja/statistik/impor/", {"file": upload}).content.decode()
    assert "kegiatan[0].ms_keg, field &#x27;Sektor Kegiatan&#x27;: required: fill it in" in page
    assert signed_in(who["pembina"]).get("/kerja/statistik/impor/").status_code == 403
    assert signed_in(who["walidata"]).get("/kerja/statistik/impor/").status_code == 200


def test_export_queries_do_not_grow_with_the_kegiatan(who, django_assert_max_num_queries):
    client = signed_in(who["stranger"])
    make_kegiatan(who)
    with CaptureQueriesContext(connection) as one:
        client.get("/kerja/statistik/ekspor.json")
    for year in (2023, 2024):
        make_kegiatan(who, tahun=year)
    with django_assert_max_num_queries(len(one.captured_queries)):
        doc = client.get("/kerja/statistik/ekspor.json").json()
    assert len(doc["kegiatan"]) == 3
    assert all([v["nama"] for v in k["variabel"]] == ["Umur balita"] for k in doc["kegiatan"])
