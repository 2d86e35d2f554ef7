import pytest
from django.utils.http import http_date

from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version
from satudata.platform.testing.openapi import OpenAPIClient, bearer_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = make_org("opd")
    open_data = make_dataset(org, title="Jumlah Puskesmas")
    candidate = make_version(open_data)
    return {
        "open": open_data,
        "candidate": candidate,
        "closed": make_dataset(org, access_level="tertutup", title="Pasien TB"),
        "owner": make_user(org, "produsen"),
    }


def test_version_detail_has_checksum_rows_schema_and_download_links(world):
    dataset = world["open"]
    response = OpenAPIClient().get(f"/api/v1/datasets/{dataset.slug}/versions/1")
    assert response.status_code == 200
    body = response.json()
    version = dataset.published_version
    assert body["checksum"] == version.checksum
    assert body["rows"] == 2
    assert [f["name"] for f in body["fields"]] == ["kode_wilayah", "jumlah"]
    assert body["published"] is True
    assert set(body["downloads"]) == {"csv", "xlsx", "json", "parquet"}
    csv = OpenAPIClient().get(body["downloads"]["csv"])
    assert csv.status_code == 200
    assert b"".join(csv.streaming_content).startswith(b"kode_wilayah")


def test_unreleased_versions_are_404_for_the_public_but_not_the_owner(world):
    url = f"/api/v1/datasets/{world['open'].slug}/versions/2"
    assert OpenAPIClient().get(url).status_code == 404
    assert OpenAPIClient().get(f"{url}/download?format=csv").status_code == 404
    owner = bearer_client(world["owner"]).get(url)
    assert owner.status_code == 200
    assert owner.json()["published"] is False


def test_detail_answers_304_to_a_current_etag_and_a_new_tag_after_an_edit(world):
    dataset = world["open"]
    url = f"/api/v1/datasets/{dataset.slug}"
    first = OpenAPIClient().get(url)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert first["Last-Modified"]
    assert "Authorization" in first["Vary"]
    again = OpenAPIClient().get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    since = OpenAPIClient().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    dataset.description = "Diperbarui"
    dataset.save()
    changed = OpenAPIClient().get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_an_old_if_modified_since_gets_the_data(world):
    url = f"/api/v1/datasets/{world['open'].slug}/versions"
    response = OpenAPIClient().get(url, HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert response.status_code == 200
    assert [v["number"] for v in response.json()] == [1]


def test_version_list_tag_depends_on_what_the_viewer_sees(world):
    url = f"/api/v1/datasets/{world['open'].slug}/versions"
    public = OpenAPIClient().get(url)
    owner = bearer_client(world["owner"]).get(url)
    assert [v["number"] for v in owner.json()] == [2, 1]
    assert public["ETag"] != owner["ETag"]
    reused = bearer_client(world["owner"]).get(url, HTTP_IF_NONE_MATCH=public["ETag"])
    assert reused.status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_download_is_conditional_on_the_version_checksum(world, fmt):
    url = f"/api/v1/datasets/{world['open'].slug}/versions/1/download?format={fmt}"
    first = OpenAPIClient().get(url)
    assert first.status_code == 200
    assert first["Content-Disposition"].startswith("attachment")
    assert OpenAPIClient().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_downloading_a_tertutup_version_is_audited(world):
    client = bearer_client(world["owner"])
    before = AuditEntry.objects.filter(action="dataset.read").count()
    url = f"/api/v1/datasets/{world['closed'].slug}/versions/1/download?format=json"
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.filter(action="dataset.read").order_by("-pk").first()
    assert AuditEntry.objects.filter(action="dataset.read").count() == before + 1
    assert entry.detail["what"] == "download"
    assert OpenAPIClient().get(url).status_code == 404
