import pytest

from satudata.apps.catalog.actions.uploads import check_accept_upload, check_start_upload
from satudata.apps.catalog.checks import automatic_checks
from satudata.apps.catalog.mapping import schema_targets
from satudata.apps.catalog.views.files import template_fields
from satudata.apps.standards import actions
from satudata.platform.testing.factories import make_dataset
from satudata.platform.testing.openapi import OpenAPIClient

from .conftest import login

pytestmark = pytest.mark.django_db

CSV = (
    "Kode Kelurahan;Jumlah;Jenis Kelamin;Telepon\n"
    "36.71.01.1001;10;L;0812345678\n"
    "36.71.01.1001;-3;X;12\n"
    ";2000;P;0219876543\n"
)


def _upload(tmp_path, user, dataset, text):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return check_start_upload(
        user=user, dataset=dataset, file=path, original_name="data.csv", inline=True
    )


def test_uploads_are_validated_against_the_adopted_standard(tmp_path, people, published):
    dataset = make_dataset(people["opd"])
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    upload = _upload(tmp_path, people["produsen"], dataset, CSV)
    assert upload.status == "invalid"
    found = {(p["rule"], p["row"], p["column"]) for p in upload.problems}
    assert {
        ("unique", 3, "Kode Kelurahan"),
        ("range.min", 3, "Jumlah"),
        ("enum", 3, "Jenis Kelamin"),
        ("pattern", 3, "Telepon"),
        ("required", 4, "Kode Kelurahan"),
        ("range.max", 4, "Jumlah"),
    } <= found


def test_a_conforming_upload_passes_and_its_version_conforms(tmp_path, people, published):
    dataset = make_dataset(people["opd"])
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    text = "Kode Kelurahan;Jumlah;Jenis Kelamin;Telepon\n36.71.01.1001;10;L;0812345678\n"
    upload = _upload(tmp_path, people["produsen"], dataset, text)
    assert upload.status == "ready", upload.problems
    version = check_accept_upload(user=people["produsen"], upload=upload)
    actions.do_check_conformance(version, published)
    assert version.conformances.get().ok
    dataset.refresh_from_db()
    checks = {c.code: c for c in automatic_checks(dataset)}
    assert checks["standard_conformance"].ok


def test_panel_and_checklist_show_problems(client, people, published):
    dataset = make_dataset(people["opd"])
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    page = client.get(dataset.get_absolute_url()).content.decode()
    assert "Penduduk per kelurahan v1" in page and "Kode Kelurahan" not in page
    assert "kode_kelurahan" in page
    check = {c.code: c for c in automatic_checks(dataset)}["standard_conformance"]
    assert not check.ok and any("kode_kelurahan" in d for d in check.details)


def test_catalogue_pages_and_files(client, people, published):
    assert "Penduduk per kelurahan" in client.get("/standar/").content.decode()
    detail = client.get("/standar/penduduk/").content.decode()
    assert "jiwa" in detail and "kode_kelurahan" in detail
    assert client.get("/standar.json").json()["results"][0]["slug"] == "penduduk"
    assert b"kode_kelurahan" in client.get("/standar/penduduk.csv").content
    schema = client.get("/standar/penduduk/v1/tableschema.json").json()
    assert schema["fields"][1]["constraints"]["maximum"] == 1000


def test_drafts_are_hidden_from_the_public(client, people):
    actions.check_create_standard(user=people["pembina"], slug="draf", title="Draf rahasia")
    assert client.get("/standar/draf/").status_code == 404
    assert "Draf rahasia" not in client.get("/standar/").content.decode()
    assert "Draf rahasia" in login(people["walidata"]).get("/standar/").content.decode()


def test_work_pages_need_the_right_role(people, published):
    produsen = login(people["produsen"])
    assert produsen.get("/standar/baru/").status_code == 404
    assert produsen.post("/standar/penduduk/draf-baru/").status_code == 404
    pembina = login(people["pembina"])
    response = pembina.post("/standar/penduduk/draf-baru/")
    assert response.status_code == 302 and response["Location"].endswith("/v2/ubah/")
    assert pembina.get("/standar/penduduk/v2/ubah/").status_code == 200
    response = pembina.post(
        "/standar/baru/", {"slug": "baru", "title": "Standar baru", "description": ""}
    )
    assert response.status_code == 302


def test_adopt_page(people, published):
    dataset = make_dataset(people["opd"], access_level="tertutup")
    assert (
        login(people["other_pembina"]).get(f"/standar/terapkan/{dataset.slug}/").status_code == 404
    )
    owner = login(people["produsen"])
    assert owner.get(f"/standar/terapkan/{dataset.slug}/").status_code == 200
    response = owner.post(f"/standar/terapkan/{dataset.slug}/", {"standard_version": published.pk})
    assert response.status_code == 302
    assert dataset.standard_adoption.standard_version == published


def test_api(people, published):
    client = OpenAPIClient()
    page = client.get("/api/v1/standards").json()
    assert page["count"] == 1 and page["results"][0]["version"] == 1
    detail = client.get("/api/v1/standards/penduduk").json()
    assert detail["fields"][0]["name"] == "kode_kelurahan" and detail["current"]["satuan"] == "jiwa"
    version = client.get("/api/v1/standards/penduduk/versions/1").json()
    assert version["fields"][1]["maximum"] == "1000"
    schema = client.get("/api/v1/standards/penduduk/versions/1/tableschema").json()
    assert schema["sdi:konsep"] == "Penduduk"
    assert client.get("/api/v1/standards/tidak-ada").status_code == 404
    assert client.get("/api/v1/standards/penduduk/versions/9").status_code == 404
    assert client.get("/api/v1/standards?limit=1000").status_code == 422


def test_api_never_lists_hidden_adopters(people, published):
    hidden = make_dataset(people["opd"], access_level="tertutup", title="Data Rahasia-9Z")
    actions.check_adopt_standard(
        user=people["produsen"], dataset=hidden, standard_version=published
    )
    assert "Rahasia-9Z" not in OpenAPIClient().get("/api/v1/standards/penduduk").content.decode()
    assert "Rahasia-9Z" not in OpenAPIClient().get("/standar/penduduk/").content.decode()


def test_adopted_standard_drives_column_matching_and_the_template(people, published):
    dataset = make_dataset(people["opd"])
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    expected = ["kode_kelurahan", "jumlah", "jenis_kelamin", "telepon"]
    assert [t.name for t in schema_targets(dataset)] == expected
    assert [spec.name for spec in template_fields(dataset)] == expected
