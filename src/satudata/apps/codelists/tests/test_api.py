"""The code list and register API, checked against its OpenAPI document."""

import pytest

from satudata.apps.codelists.models import CodeListVersion
from satudata.apps.codelists.tests.helpers import add_entry, make_code_list, make_register
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_org, make_user
from satudata.platform.testing.openapi import OpenAPIClient, bearer_client, session_client

pytestmark = pytest.mark.django_db

SECRET = "Rahasia-Api-8W"


@pytest.fixture
def owner():
    org = make_org("opd")
    public = make_register(org, "terbuka")
    for identifier, name, kode in (
        ("20600001", "SD Negeri Sukarasa 1", "36.71.01.1001"),
        ("20600002", "SD Negeri Cipondoh 3", "36.71.05.1001"),
        ("20600003", "SMP Negeri 2", None),
    ):
        add_entry(public, identifier, name, kode_wilayah_id=kode, attributes={"jenjang": "SD"})
    for level in ("terbatas", "tertutup"):
        register = make_register(org, level, name=f"Register {SECRET}")
        add_entry(register, "20609999", f"Sekolah {SECRET}")
    return org


def test_code_lists_and_their_codes():
    client = OpenAPIClient()
    page = client.get("/api/v1/codelists?limit=2").json()
    assert page["count"] >= 6 and len(page["results"]) == 2 and page["next"]
    detail = client.get("/api/v1/codelists/urusan-pemerintahan").json()
    assert detail["versions"][0]["number"] == 1 and detail["code_count"] > 40
    codes = client.get("/api/v1/codelists/urusan-pemerintahan/codes?limit=3").json()
    assert [c["code"] for c in codes["results"]] == ["1", "1.01", "1.02"]
    assert codes["version"] == 1 and "offset=3" in codes["next"]
    assert client.get("/api/v1/codelists/agama/codes?version=1").json()["count"] == 7
    assert client.get("/api/v1/codelists/agama/codes?version=5").status_code == 404
    assert client.get("/api/v1/codelists/tidak-ada").status_code == 404
    assert client.get("/api/v1/codelists/agama/codes?version=0").status_code == 422


def test_drafts_only_for_managers():
    code_list = make_code_list("warna", {"M": "Merah"})
    draft = CodeListVersion.objects.create(code_list=code_list, number=2)
    draft.codes.create(code="H", label_id="Hijau")
    anonymous = OpenAPIClient()
    assert [v["number"] for v in anonymous.get("/api/v1/codelists/warna").json()["versions"]] == [1]
    assert anonymous.get("/api/v1/codelists/warna/codes?version=2").status_code == 404
    walidata = bearer_client(make_user(make_org("walidata"), "walidata"))
    assert (
        walidata.get("/api/v1/codelists/warna/codes?version=2").json()["results"][0]["code"] == "H"
    )


def test_registers_for_anonymous_leave_out_terbatas_and_tertutup(owner):
    client = OpenAPIClient()
    page = client.get("/api/v1/registers")
    assert page.json()["count"] == 1 and SECRET not in page.content.decode()
    for level in ("terbatas", "tertutup"):
        for path in ("", "/entries", "/entries?q=Sekolah", "/entries/20609999"):
            response = client.get(f"/api/v1/registers/register-{level}{path}")
            assert response.status_code == 404
            assert SECRET not in response.content.decode()


def test_registers_for_signed_in_viewers(owner):
    other = session_client(make_user(make_org("opd"), "produsen"))
    assert other.get("/api/v1/registers").json()["count"] == 2
    assert other.get("/api/v1/registers/register-tertutup/entries").status_code == 404
    own = bearer_client(make_user(owner, "produsen"))
    assert own.get("/api/v1/registers").json()["count"] == 3
    entries = own.get("/api/v1/registers/register-tertutup/entries").json()
    assert entries["results"][0]["name"] == f"Sekolah {SECRET}"
    assert AuditEntry.objects.filter(action="register.read").count() == 1


def test_entries_search_filter_page_and_one_entry(owner):
    client = OpenAPIClient()
    base = "/api/v1/registers/register-terbuka"
    assert client.get(base).json()["entry_count"] == 3
    found = client.get(f"{base}/entries?q=cipondoh").json()
    assert [e["identifier"] for e in found["results"]] == ["20600002"]
    area = client.get(f"{base}/entries?kode_wilayah=36.71.01").json()
    assert [e["identifier"] for e in area["results"]] == ["20600001"]
    first = client.get(f"{base}/entries?limit=2").json()
    assert first["count"] == 3 and "offset=2" in first["next"]
    entry = client.get(f"{base}/entries/20600001").json()
    assert entry["wilayah"] == "Sukarasa" and entry["attributes"] == {"jenjang": "SD"}
    assert client.get(f"{base}/entries/99999999").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "x" * 101,
        "kode_wilayah=abc",
        "kode_wilayah=" + "1" * 14,
        "limit=0",
        "limit=101",
        "offset=-1",
    ],
)
def test_bad_parameters_are_422(owner, query):
    response = OpenAPIClient().get(f"/api/v1/registers/register-terbuka/entries?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_bad_identifiers_in_the_path_are_refused(owner):
    response = OpenAPIClient().get("/api/v1/registers/register-terbuka/entries/a%20b")
    assert response.status_code in (404, 422)
