"""Matching a file's differently named columns onto the dataset's schema, then reading it again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satudata.apps.catalog.actions.reupload import check_reupload
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.models import Upload
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def renamed_upload(client, dataset):
    """The published version has `kode_wilayah, jumlah`; this file calls `jumlah` otherwise."""
    text = "kode_wilayah,Total Balita\n36.71.01,120\n36.71.02,98\n36.71.03,77\n"
    file = SimpleUploadedFile("balita.csv", text.encode(), content_type="text/csv")
    client.post(f"/kerja/dataset/{dataset.slug}/unggah/", {"file": file})
    return Upload.objects.latest("pk")


def test_the_page_offers_the_files_extra_columns_for_the_missing_one(crew):
    dataset = make_dataset(crew["org"])
    client = signed_in(crew["produsen"])
    upload = renamed_upload(client, dataset)
    rules = {p["rule"] for p in upload.problems}
    assert {"schema.missing_column", "schema.extra_column"} <= rules
    page = client.get(f"/kerja/unggahan/{upload.pk}/").content.decode()
    assert "Match your columns to the data standard" in page
    assert 'name="map_jumlah"' in page and '<option value="Total Balita">' in page


def test_matching_reads_the_file_again_into_the_standard_columns(crew):
    dataset = make_dataset(crew["org"])
    client = signed_in(crew["produsen"])
    upload = renamed_upload(client, dataset)
    response = client.post(f"/kerja/unggahan/{upload.pk}/kolom/", {"map_jumlah": "Total Balita"})
    fresh = Upload.objects.latest("pk")
    assert fresh.pk != upload.pk
    assert response["Location"] == f"/kerja/unggahan/{fresh.pk}/"
    assert fresh.mapping == {"Total Balita": "jumlah"}
    assert fresh.status == Upload.Status.READY
    assert not [p for p in fresh.problems if p["rule"].startswith("schema.")]
    assert [f["name"] for f in fresh.result["fields"]] == ["kode_wilayah", "jumlah"]
    assert [row["jumlah"] for row in fresh.result["preview"]] == [120, 98, 77]
    upload.refresh_from_db()
    assert upload.status == Upload.Status.DISCARDED
    page = client.get(response["Location"]).content.decode()
    assert "Match your columns to the data standard" not in page


def test_a_mapping_without_a_choice_changes_nothing(crew):
    dataset = make_dataset(crew["org"])
    client = signed_in(crew["produsen"])
    upload = renamed_upload(client, dataset)
    response = client.post(f"/kerja/unggahan/{upload.pk}/kolom/", {"map_jumlah": ""}, follow=True)
    assert "Choose the file column for at least one column." in response.content.decode()
    assert Upload.objects.latest("pk").pk == upload.pk


def test_only_the_producer_may_match_columns(crew):
    dataset = make_dataset(crew["org"])
    upload = renamed_upload(signed_in(crew["produsen"]), dataset)
    stranger = signed_in(crew["stranger"])
    response = stranger.post(f"/kerja/unggahan/{upload.pk}/kolom/", {"map_jumlah": "Total Balita"})
    assert response.status_code == 404
    assert Upload.objects.latest("pk").pk == upload.pk


def test_the_action_refuses_a_column_the_standard_does_not_have(crew):
    dataset = make_dataset(crew["org"])
    upload = renamed_upload(signed_in(crew["produsen"]), dataset)
    with pytest.raises(ActionError, match="no column"):
        check_reupload(user=crew["produsen"], upload=upload, mapping={"Total Balita": "nope"})
    assert Upload.objects.get(pk=upload.pk).status != Upload.Status.DISCARDED
