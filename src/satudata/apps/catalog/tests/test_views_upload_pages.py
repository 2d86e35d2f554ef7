"""The upload pages with uploads in each state (made directly, without running the engine)."""

import pytest

from satudata.apps.catalog.models import Upload
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform import storage
from satudata.platform.models import Job
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db

PROBLEM = {
    "rule": "type.integer",
    "message": "Row %(row)s, column “%(column)s”: “%(value)s” is not a whole number.",
    "hint": "Write digits only, e.g. %(example)s.",
    "severity": "error",
    "sheet": "Data",
    "row": 7,
    "column": "jumlah",
    "value": "sepuluh",
    "params": {"example": "120"},
}


@pytest.fixture
def crew():
    return people()


def make_upload(dataset, user, **extra):
    source = storage.new_path("sources", ".csv")
    source.write_text("kode,jumlah\n36.71.01,sepuluh\n")
    values = {
        "dataset": dataset,
        "uploaded_by": user,
        "source_path": storage.relative(source),
        "source_name": "balita.csv",
        "status": Upload.Status.INVALID,
    }
    values.update(extra)
    return Upload.objects.create(**values)


def test_problem_lines_name_sheet_row_column_value_and_hint(crew):
    dataset = make_dataset(crew["org"])
    report = storage.new_path("reports", ".xlsx")
    report.write_bytes(b"PK report")
    upload = make_upload(
        dataset,
        crew["produsen"],
        problems=[PROBLEM],
        report_path=storage.relative(report),
        result={
            "rows": 1,
            "error_count": 1,
            "warning_count": 0,
            "fields": [{"name": "jumlah", "title": "Jumlah", "type": "integer", "role": None}],
            "preview": [{"jumlah": None}],
            "counts": [
                {"rule": "type.integer", "column": "jumlah", "severity": "error", "count": 1}
            ],
        },
    )
    response = signed_in(crew["produsen"]).get(f"/kerja/unggahan/{upload.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Row 7, column “jumlah”: “sepuluh” is not a whole number." in body
    assert "Write digits only, e.g. 120." in body
    assert "Upload a corrected file" in body
    assert "Save as a new version" not in body
    assert f"/kerja/unggahan/{upload.pk}/laporan.xlsx" in body
    download = signed_in(crew["produsen"]).get(f"/kerja/unggahan/{upload.pk}/laporan.xlsx")
    assert b"".join(download.streaming_content) == b"PK report"
    assert 'filename="report-balita.xlsx"' in download["Content-Disposition"]


def test_unreadable_file_shows_the_engine_message(crew):
    dataset = make_dataset(crew["org"])
    upload = make_upload(
        dataset,
        crew["produsen"],
        status=Upload.Status.FAILED,
        error={
            "rule": "file.encrypted",
            "message": "“%(filename)s” is protected by a password.",
            "hint": "Save it without a password and upload it again.",
            "params": {"filename": "balita.xlsx"},
        },
    )
    body = signed_in(crew["produsen"]).get(f"/kerja/unggahan/{upload.pk}/").content.decode()
    assert "“balita.xlsx” is protected by a password." in body
    assert "Save it without a password" in body


def test_progress_partial_polls_until_done(crew):
    dataset = make_dataset(crew["org"])
    job = Job.objects.create(kind="ingest_upload", progress=0.42, message="Checking the values")
    upload = make_upload(dataset, crew["produsen"], status=Upload.Status.PROCESSING, job=job)
    client = signed_in(crew["produsen"])
    page = client.get(f"/kerja/unggahan/{upload.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "42%" in page
    partial = client.get(f"/kerja/unggahan/{upload.pk}/progres/")
    assert partial.status_code == 200
    assert "42%" in partial.content.decode() and "Checking the values" in partial.content.decode()
    Upload.objects.filter(pk=upload.pk).update(status=Upload.Status.READY)
    done = client.get(f"/kerja/unggahan/{upload.pk}/progres/")
    assert done.status_code == 204
    assert done["HX-Redirect"] == f"/kerja/unggahan/{upload.pk}/"


def test_uploads_are_hidden_from_outsiders(crew):
    upload = make_upload(make_dataset(crew["org"]), crew["produsen"])
    for who in ("stranger", "partner"):
        client = signed_in(crew[who])
        assert client.get(f"/kerja/unggahan/{upload.pk}/").status_code == 404
        assert client.post(f"/kerja/unggahan/{upload.pk}/buang/").status_code == 404
    assert signed_in(crew["walidata"]).get(f"/kerja/unggahan/{upload.pk}/").status_code == 200


def test_an_invalid_upload_cannot_be_saved_but_can_be_discarded(crew):
    upload = make_upload(make_dataset(crew["org"]), crew["produsen"])
    client = signed_in(crew["produsen"])
    refused = client.post(f"/kerja/unggahan/{upload.pk}/simpan/", follow=True)
    assert "Only a checked upload without errors can be saved" in refused.content.decode()
    client.post(f"/kerja/unggahan/{upload.pk}/buang/")
    upload.refresh_from_db()
    assert upload.status == Upload.Status.DISCARDED


def test_walidata_sees_but_cannot_discard(crew):
    upload = make_upload(make_dataset(crew["org"]), crew["produsen"])
    client = signed_in(crew["walidata"])
    assert "Discard" not in client.get(f"/kerja/unggahan/{upload.pk}/").content.decode()
    assert client.post(f"/kerja/unggahan/{upload.pk}/buang/").status_code == 403


def test_reading_an_upload_of_tertutup_data_is_audited(crew):
    from satudata.platform.models import AuditEntry

    upload = make_upload(make_dataset(crew["org"], access_level="tertutup"), crew["produsen"])
    signed_in(crew["produsen"]).get(f"/kerja/unggahan/{upload.pk}/")
    entry = AuditEntry.objects.get(action="dataset.read")
    assert entry.detail == {"what": "upload", "upload": upload.pk}
