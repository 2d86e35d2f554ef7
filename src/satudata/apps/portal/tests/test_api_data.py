import io

import pyarrow.parquet as pq
import pytest
from django.utils.http import http_date

from satudata.apps.portal import explorer
from satudata.apps.portal.explorer import MAX_PAGE
from satudata.apps.portal.tests.helpers import people
from satudata.apps.portal.tests.test_explorer import with_data
from satudata.engines.tabular.query import MAX_PER_PAGE, QueryError
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_version
from satudata.platform.testing.openapi import OpenAPIClient, bearer_client, session_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


@pytest.fixture
def client():
    return OpenAPIClient(headers={"accept-language": "en"})


def test_rows_total_and_next_link(crew, client):
    dataset = with_data(crew["org"])
    response = client.get(
        f"/api/v1/datasets/{dataset.slug}/versions/1/data",
        {"f": "jumlah:gt:15", "sort": "-jumlah", "per_page": 2},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 4
    assert [r["jumlah"] for r in body["rows"]] == [50, 40]
    assert body["columns"][1] == {"name": "jumlah", "title": "Jumlah Penduduk", "type": "integer"}
    assert "page=2" in body["next"]
    second = client.get(body["next"]).json()
    assert [r["jumlah"] for r in second["rows"]] == [30, 20]
    assert second["next"] is None


def test_group_by_on_the_published_version(crew, client):
    dataset = with_data(crew["org"])
    response = client.get(
        f"/api/v1/datasets/{dataset.slug}/data",
        {"group": "kecamatan", "agg": ["sum:jumlah", "count"], "sort": "-sum_jumlah"},
    )
    body = response.json()
    assert body["grouped"] is True
    assert body["rows"][0] == {"kecamatan": "=HYPERLINK(1)", "sum_jumlah": 50, "count": 1}
    assert {"kecamatan": "Ciledug", "sum_jumlah": 40, "count": 2} in body["rows"]


def test_the_latest_published_not_a_newer_draft(crew, client):
    dataset = with_data(crew["org"])
    make_version(dataset, columns={"lain": ["x"]}, fields=[{"name": "lain", "type": "string"}])
    body = client.get(f"/api/v1/datasets/{dataset.slug}/data").json()
    assert [c["name"] for c in body["columns"]] == ["kecamatan", "jumlah"]
    assert client.get(f"/api/v1/datasets/{dataset.slug}/versions/2/data").status_code == 404
    draft = bearer_client(crew["produsen"]).get(f"/api/v1/datasets/{dataset.slug}/versions/2/data")
    assert draft.status_code == 200
    assert [c["name"] for c in draft.json()["columns"]] == ["lain"]
    assert "ETag" not in draft


def test_files_of_the_filtered_result(crew, client):
    dataset = with_data(crew["org"])
    base = f"/api/v1/datasets/{dataset.slug}/versions/1/data"
    response = client.get(base, {"f": "kecamatan:eq:Ciledug", "format": "parquet"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(b"".join(response.streaming_content)))
    assert table.column("jumlah").to_pylist() == [10, 30]
    csv = client.get(base, {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in b"".join(csv.streaming_content).decode()
    xlsx = client.get(base, {"format": "xlsx"})
    assert xlsx["Content-Disposition"] == f'attachment; filename="{dataset.slug}-v1.xlsx"'
    assert b"".join(xlsx.streaming_content).startswith(b"PK")
    assert client.get(base, {"format": "json"}).json()["total"] == 5


def test_format_is_one_of_the_documented_values(crew, client):
    dataset = with_data(crew["org"])
    response = client.get(f"/api/v1/datasets/{dataset.slug}/data", {"format": "docx"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "format"


@pytest.mark.parametrize(
    ("name", "value", "status"),
    [
        ("page", 0, 422),
        ("page", MAX_PAGE, 200),
        ("page", MAX_PAGE + 1, 422),
        ("per_page", 0, 422),
        ("per_page", MAX_PER_PAGE, 200),
        ("per_page", MAX_PER_PAGE + 1, 422),
        ("page", "dua", 422),
    ],
)
def test_page_bounds_are_the_documented_ones(crew, client, name, value, status):
    dataset = with_data(crew["org"])
    response = client.get(f"/api/v1/datasets/{dataset.slug}/data", {name: value})
    assert response.status_code == status


def test_path_and_text_parameters_are_bounded(crew, client):
    dataset = with_data(crew["org"])
    assert client.get(f"/api/v1/datasets/{dataset.slug}/versions/0/data").status_code == 422
    assert client.get(f"/api/v1/datasets/{'x' * 121}/data").status_code == 422
    control = client.get(f"/api/v1/datasets/{dataset.slug}/data", {"sort": "jumlah\x01"})
    assert control.status_code == 422
    many = client.get(f"/api/v1/datasets/{dataset.slug}/data", {"sort": ["jumlah"] * 51})
    assert many.status_code == 422


def test_bad_filters_are_400_with_the_error_envelope(crew, client):
    dataset = with_data(crew["org"])
    response = client.get(f"/api/v1/datasets/{dataset.slug}/versions/1/data", {"f": "umur:gt:5"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert "umur" in error["message"]


def test_published_pages_carry_validators_and_answer_304(crew, client):
    dataset = with_data(crew["org"])
    url = f"/api/v1/datasets/{dataset.slug}/data"
    first = client.get(url, {"f": "jumlah:gt:15"})
    tag = first["ETag"]
    assert tag.startswith('W/"') and first["Last-Modified"]
    assert "Authorization" in first["Vary"]
    again = client.get(url, {"f": "jumlah:gt:15"}, headers={"if-none-match": tag})
    assert again.status_code == 304
    assert again["ETag"] == tag and not again.content
    other = client.get(url, {"f": "jumlah:gt:25"}, headers={"if-none-match": tag})
    assert other.status_code == 200 and other["ETag"] != tag
    assert client.get(url, {"f": "jumlah:gt:15", "page": 2})["ETag"] != tag
    pinned = client.get(
        f"/api/v1/datasets/{dataset.slug}/versions/1/data", headers={"if-none-match": tag}
    )
    assert pinned.status_code == 200 and pinned["ETag"] not in (tag, "")
    since = {"if-modified-since": first["Last-Modified"]}
    assert client.get(url, {"f": "jumlah:gt:15"}, headers=since).status_code == 304
    stale = {"if-modified-since": http_date(0)}
    assert client.get(url, {"f": "jumlah:gt:15"}, headers=stale).status_code == 200


def test_a_new_published_version_changes_the_tag(crew, client):
    dataset = with_data(crew["org"])
    url = f"/api/v1/datasets/{dataset.slug}/data"
    tag = client.get(url)["ETag"]
    newer = make_version(
        dataset, columns={"lain": ["x"]}, fields=[{"name": "lain", "type": "string"}]
    )
    dataset.transitions.create(kind="publish", to_state="diterbitkan", version=newer)
    dataset.published_version = newer
    dataset.save()
    fresh = client.get(url, headers={"if-none-match": tag})
    assert fresh.status_code == 200
    assert fresh["ETag"] != tag
    assert [c["name"] for c in fresh.json()["columns"]] == ["lain"]


def test_hidden_data_is_404_and_tertutup_reads_are_audited(crew, client):
    restricted = with_data(crew["org"], access_level="terbatas")
    assert client.get(f"/api/v1/datasets/{restricted.slug}/data").status_code == 404
    closed = with_data(crew["org"], access_level="tertutup")
    partner = session_client(crew["partner"])
    assert partner.get(f"/api/v1/datasets/{closed.slug}/data").status_code == 404
    owner = session_client(crew["produsen"])
    assert owner.get(f"/api/v1/datasets/{closed.slug}/data").status_code == 200
    assert AuditEntry.objects.get(action="dataset.read").detail["what"] == "api-data"


def test_a_wrong_token_is_401(crew):
    dataset = with_data(crew["org"])
    wrong = OpenAPIClient(HTTP_AUTHORIZATION="Bearer nope")
    response = wrong.get(f"/api/v1/datasets/{dataset.slug}/data")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_the_explorer_refuses_the_pages_the_api_does_not_document():
    assert explorer.parse({"page": [str(MAX_PAGE)]}).spec.page == MAX_PAGE
    with pytest.raises(QueryError, match="between 1 and"):
        explorer.parse({"page": [str(MAX_PAGE + 1)]})
