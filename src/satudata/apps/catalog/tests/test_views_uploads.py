"""Uploads through the pages, with the tabular engine doing the reading and checking."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from satudata.apps.catalog.models import Upload
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db

GOOD_ROWS = [f"36.71.{n:02},{100 + n}" for n in range(1, 11)]


@pytest.fixture
def crew():
    return people()


def csv_file(rows, name="balita.csv"):
    text = "\n".join(["kode_wilayah,jumlah", *rows]) + "\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def upload(client, dataset, file, **extra):
    return client.post(f"/kerja/dataset/{dataset.slug}/unggah/", {"file": file, **extra})


def test_broken_csv_shows_the_precise_problem_line(crew):
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    rows = [*GOOD_ROWS]
    rows[3] = "36.71.04,empat puluh"
    response = upload(client, dataset, csv_file(rows))
    stored = Upload.objects.get()
    assert response["Location"] == f"/kerja/unggahan/{stored.pk}/"
    assert stored.status == Upload.Status.INVALID
    problem = next(p for p in stored.problems if p["column"] == "jumlah")
    assert problem["row"] == 5 and problem["value"] == "empat puluh"
    page = client.get(response["Location"]).content.decode()
    line = page[page.index("empat puluh") - 600 : page.index("empat puluh") + 600]
    assert '<td class="num">5</td>' in line and "<td>jumlah</td>" in line
    assert "Save as a new version" not in page


def test_accepting_a_clean_upload_creates_a_version(crew):
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    response = upload(client, dataset, csv_file(GOOD_ROWS), note="Data 2024")
    stored = Upload.objects.get()
    assert stored.status == Upload.Status.READY
    page = client.get(response["Location"]).content.decode()
    assert "Save as a new version" in page and "36.71.10" in page
    saved = client.post(f"/kerja/unggahan/{stored.pk}/simpan/")
    assert saved["Location"] == dataset.get_absolute_url()
    dataset.refresh_from_db()
    version = dataset.candidate_version
    assert version.number == 1 and version.rows == 10 and version.note == "Data 2024"
    body = client.get(dataset.get_absolute_url()).content.decode()
    assert "Saved as version 1." in body


def test_upload_form_requires_a_file_and_an_editor(crew):
    dataset = make_dataset(crew["org"])
    client = signed_in(crew["produsen"])
    assert client.get(f"/kerja/dataset/{dataset.slug}/unggah/").status_code == 200
    empty = client.post(f"/kerja/dataset/{dataset.slug}/unggah/", {})
    assert "file" in empty.context["form"].errors
    stranger = signed_in(crew["stranger"])
    assert upload(stranger, dataset, csv_file(GOOD_ROWS)).status_code == 403
    assert not Upload.objects.exists()


def test_no_upload_while_the_dataset_is_being_checked(crew):
    dataset = make_dataset(crew["org"], state="diajukan")
    response = upload(signed_in(crew["produsen"]), dataset, csv_file(GOOD_ROWS))
    assert response.status_code == 200
    assert "This dataset is being checked." in response.content.decode()


def test_choosing_another_sheet_reads_the_stored_file_again(crew, tmp_path):
    book = Workbook()
    book.active.title = "Ringkasan"
    book.active.append(["wilayah", "total"])
    book.active.append(["Kota Tangerang", 1055])
    data = book.create_sheet("Data")
    data.append(["kode_wilayah", "jumlah"])
    for n in range(1, 11):
        data.append([f"36.71.{n:02}", 100 + n])
    path = tmp_path / "dua-lembar.xlsx"
    book.save(path)
    dataset = make_dataset(crew["org"], published=False)
    client = signed_in(crew["produsen"])
    file = SimpleUploadedFile("dua-lembar.xlsx", path.read_bytes())
    upload(client, dataset, file, sheet="Ringkasan")
    first = Upload.objects.get()
    page = client.get(f"/kerja/unggahan/{first.pk}/").content.decode()
    assert "Read this sheet" in page
    response = client.post(f"/kerja/unggahan/{first.pk}/lembar/", {"sheet": "Data"})
    second = Upload.objects.exclude(pk=first.pk).get()
    assert response["Location"] == f"/kerja/unggahan/{second.pk}/"
    assert second.sheet == "Data" and second.status == Upload.Status.READY
    assert second.source_path == first.source_path
    first.refresh_from_db()
    assert first.status == Upload.Status.DISCARDED
