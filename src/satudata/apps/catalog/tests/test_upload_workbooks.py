"""Workbook uploads read by the background job: a precise report for bad cells, a failed job for
a damaged file, and the published version untouched either way."""

from pathlib import Path

import pytest
import xlsxwriter

from satudata.apps.catalog.actions import uploads
from satudata.apps.catalog.models import State, Upload
from satudata.apps.portal.tests.helpers import people
from satudata.platform.models import Job
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


def workbook(path: Path, counts: list[object]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Balita")
    sheet.write_row(0, 0, ["kode_wilayah", "jumlah"])
    for row, count in enumerate(counts, start=1):
        sheet.write_string(row, 0, f"36.71.{row:02}")
        sheet.write(row, 1, count)
    book.close()
    return path


def start(crew, dataset, path: Path, settings, django_capture_on_commit_callbacks) -> Upload:
    settings.BACKGROUND_INGEST_BYTES = 0
    with django_capture_on_commit_callbacks(execute=True):
        upload = uploads.check_start_upload(
            user=crew["produsen"], dataset=dataset, file=path, original_name=path.name
        )
    upload.refresh_from_db()
    return upload


@pytest.fixture
def crew():
    return people()


def test_bad_cells_of_a_workbook_are_reported_by_sheet_row_and_column(
    crew, tmp_path, settings, django_capture_on_commit_callbacks
):
    dataset = make_dataset(crew["org"])
    published = dataset.published_version
    path = workbook(tmp_path / "balita.xlsx", [120, 98, "banyak", 77])
    upload = start(crew, dataset, path, settings, django_capture_on_commit_callbacks)
    assert upload.job.status == Job.Status.SUCCEEDED
    assert upload.status == Upload.Status.INVALID
    [problem] = [p for p in upload.problems if p["rule"] == "type.integer"]
    assert (problem["sheet"], problem["row"], problem["column"], problem["value"]) == (
        "Balita",
        4,
        "jumlah",
        "banyak",
    )
    dataset.refresh_from_db()
    assert dataset.published_version == published and dataset.state == State.DITERBITKAN


def test_a_damaged_workbook_fails_its_job_and_keeps_the_published_version(
    crew, tmp_path, settings, django_capture_on_commit_callbacks
):
    dataset = make_dataset(crew["org"])
    published = dataset.published_version
    whole = workbook(tmp_path / "utuh.xlsx", [120, 98]).read_bytes()
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    upload = start(crew, dataset, path, settings, django_capture_on_commit_callbacks)
    assert upload.status == Upload.Status.FAILED
    assert upload.error["params"] == {"filename": "rusak.xlsx"}
    assert upload.error["message"] and upload.error["hint"]
    assert not upload.staged_path
    dataset.refresh_from_db()
    assert dataset.published_version == published and dataset.state == State.DITERBITKAN
    assert dataset.versions.count() == 1
