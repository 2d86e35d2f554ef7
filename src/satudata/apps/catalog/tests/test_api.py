import pytest

from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_org, make_user
from satudata.platform.testing.openapi import OpenAPIClient as Client
from satudata.platform.testing.openapi import bearer_client as bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    org = make_org("opd")
    return {
        "org": org,
        "open": make_dataset(org, access_level="terbuka", title="Jumlah Puskesmas"),
        "restricted": make_dataset(org, access_level="terbatas", title="Penerima Bansos"),
        "closed": make_dataset(org, access_level="tertutup", title="Pasien TB"),
        "draft": make_dataset(org, published=False, title="Draf Sekolah"),
        "owner": make_user(org, "produsen"),
        "other": make_user(make_org("opd"), "produsen"),
    }


def titles(response) -> set[str]:
    return {d["title"] for d in response.json()["results"]}


def test_anonymous_lists_only_open_published(catalog):
    response = Client().get("/api/v1/datasets")
    assert response.status_code == 200
    assert titles(response) == {"Jumlah Puskesmas"}
    assert response.json()["count"] == 1


def test_other_government_user_sees_restricted_not_closed(catalog):
    response = bearer(catalog["other"]).get("/api/v1/datasets")
    assert titles(response) == {"Jumlah Puskesmas", "Penerima Bansos"}


def test_owner_sees_closed_and_the_read_is_audited(catalog):
    client = bearer(catalog["owner"])
    assert "Pasien TB" in titles(client.get("/api/v1/datasets"))
    before = AuditEntry.objects.filter(action="dataset.read").count()
    assert client.get(f"/api/v1/datasets/{catalog['closed'].slug}").status_code == 200
    assert AuditEntry.objects.filter(action="dataset.read").count() == before + 1


def test_hidden_dataset_is_404_with_the_envelope(catalog):
    response = Client().get(f"/api/v1/datasets/{catalog['closed'].slug}")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": response.json()["error"]["message"],
            "details": [],
        }
    }
    assert "Pasien" not in response.content.decode()


def test_pagination_links(catalog):
    org = catalog["org"]
    for n in range(5):
        make_dataset(org, title=f"Tambahan {n}")
    first = Client().get("/api/v1/datasets?limit=4").json()
    assert first["count"] == 6
    assert len(first["results"]) == 4
    assert first["previous"] is None
    second = Client().get(first["next"]).json()
    assert len(second["results"]) == 2
    assert second["next"] is None


def test_csv_upload_submit_over_the_api(catalog):
    client = bearer(catalog["owner"])
    dataset = catalog["draft"]
    csv = b"kode_wilayah;jumlah\n36.71.01;1.250\n36.71.02;980\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/api/v1/datasets/{dataset.slug}/uploads",
        {"file": SimpleUploadedFile("sekolah.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 201, response.content
    upload = response.json()
    assert upload["status"] == "ready", upload
    assert upload["rows"] == 2
    accepted = client.post(f"/api/v1/uploads/{upload['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["number"] == 1
    submitted = client.post(
        f"/api/v1/datasets/{dataset.slug}/submit",
        {"note": "mohon"},
        content_type="application/json",
    )
    assert submitted.json()["state"] == "diajukan"


def test_other_opd_cannot_upload(catalog):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = bearer(catalog["other"]).post(
        f"/api/v1/datasets/{catalog['open'].slug}/uploads",
        {"file": SimpleUploadedFile("x.csv", b"a\n1\n")},
    )
    assert response.status_code == 403
