import io

import pyarrow.parquet as pq
import pytest

from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.apps.portal.tests.test_explorer import with_data
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


@pytest.fixture
def client():
    from django.test import Client

    return Client(headers={"accept-language": "en"})


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


def test_files_of_the_filtered_result(crew, client):
    dataset = with_data(crew["org"])
    base = f"/api/v1/datasets/{dataset.slug}/versions/1/data"
    response = client.get(base, {"f": "kecamatan:eq:Ciledug", "format": "parquet"})
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(b"".join(response.streaming_content)))
    assert table.column("jumlah").to_pylist() == [10, 30]
    csv_text = b"".join(client.get(base, {"format": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK(1)" in csv_text
    assert client.get(base, {"format": "docx"}).status_code == 400


def test_bad_filters_are_400_with_the_error_envelope(crew, client):
    dataset = with_data(crew["org"])
    response = client.get(f"/api/v1/datasets/{dataset.slug}/versions/1/data", {"f": "umur:gt:5"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert "umur" in error["message"]


def test_hidden_data_is_404_and_tertutup_reads_are_audited(crew, client):
    restricted = with_data(crew["org"], access_level="terbatas")
    assert client.get(f"/api/v1/datasets/{restricted.slug}/data").status_code == 404
    closed = with_data(crew["org"], access_level="tertutup")
    assert signed_in(crew["partner"]).get(f"/api/v1/datasets/{closed.slug}/data").status_code == 404
    owner = signed_in(crew["produsen"])
    assert owner.get(f"/api/v1/datasets/{closed.slug}/data").status_code == 200
    assert AuditEntry.objects.get(action="dataset.read").detail["what"] == "api-data"
