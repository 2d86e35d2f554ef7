"""Pages as anonymous, a produsen, the owner and the walidata: catalogue, downloads, registers
that must not leak, and the work pages with their forms."""

import json

import pytest
from django.test import Client

from satudata.apps.codelists.models import CodeList, CodeListVersion, Register
from satudata.apps.codelists.tests.helpers import (
    add_entry,
    csv_file,
    make_code_list,
    make_register,
)
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db

SECRET = "Rahasia-Register-5X"


def client_for(user=None) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world():
    owner = make_org("opd")
    public = make_register(owner, "terbuka", name="Register Terbuka Sekolah")
    restricted = make_register(owner, "terbatas", name=f"Register {SECRET} terbatas")
    closed = make_register(owner, "tertutup", name=f"Register {SECRET} tertutup")
    add_entry(public, "20600001", "SD Negeri Sukarasa 1", kode_wilayah_id="36.71.01.1001")
    add_entry(public, "20600002", "SD Negeri Cipondoh 3", kode_wilayah_id="36.71.05.1001")
    for register in (restricted, closed):
        add_entry(register, "20609999", f"Sekolah {SECRET}")
    users = {
        "owner": make_user(owner, "produsen"),
        "other": make_user(make_org("opd"), "produsen"),
        "walidata": make_user(make_org("walidata"), "walidata"),
        "pembina": make_user(make_org("pembina"), "pembina"),
    }
    return users, {"terbuka": public, "terbatas": restricted, "tertutup": closed}


def test_code_list_catalogue_and_detail_for_everyone():
    client = client_for()
    page = client.get("/kode/")
    assert page.status_code == 200
    assert (
        "Jenis Kelamin" in page.content.decode() and "Urusan Pemerintahan" in page.content.decode()
    )
    data = client.get("/kode.json").json()
    counts = {c["slug"]: c["code_count"] for c in data["code_lists"]}
    assert counts["agama"] == 7 and counts["pendidikan"] == 10
    detail = client.get("/kode/urusan-pemerintahan/")
    assert detail.status_code == 200
    assert "Penanaman Modal" in detail.content.decode()
    document = client.get("/kode/agama.json").json()
    assert document["version"] == 1 and document["codes"][6]["label_id"].startswith("Kepercayaan")
    rows = client.get("/kode/jenis-kelamin.csv").content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("code,label_id,label_en,parent")
    assert rows[1].startswith("1,Laki-laki,Male")
    assert client.get("/kode/agama/?versi=9").status_code == 404
    assert client.get("/kode/agama/?versi=x").status_code == 404
    assert client.get("/kode/tidak-ada/").status_code == 404


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("csv", "text/csv"),
        ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_downloads_of_a_version(fmt, media):
    response = client_for().get(f"/kode/golongan-darah/unduh.{fmt}?versi=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media)
    assert "golongan-darah-v1" in response["Content-Disposition"]


def test_formula_like_labels_are_guarded_in_downloads():
    make_code_list("rumus", {"1": "=HYPERLINK(1)"})
    text = client_for().get("/kode/rumus/unduh.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_drafts_are_seen_by_managers_only(world):
    users, _registers = world
    code_list = make_code_list("warna", {"M": "Merah"})
    draft = CodeListVersion.objects.create(code_list=code_list, number=2, note="Draf-Rahasia")
    draft.codes.create(code="H", label_id="Hijau-Draf")
    hidden = CodeList.objects.create(slug="draf-saja", name="Daftar Draf Saja")
    anonymous = client_for()
    assert anonymous.get("/kode/warna/?versi=2").status_code == 404
    assert "Hijau-Draf" not in anonymous.get("/kode/warna/").content.decode()
    assert "Draf-Rahasia" not in anonymous.get("/kode/warna.json").content.decode()
    assert anonymous.get(f"/kode/{hidden.slug}/").status_code == 404
    assert "Daftar Draf Saja" not in anonymous.get("/kode/").content.decode()
    pembina = client_for(users["pembina"])
    page = pembina.get("/kode/warna/?versi=2").content.decode()
    assert "Hijau-Draf" in page and "Publish this version" in page
    assert pembina.get(f"/kode/{hidden.slug}/").status_code == 200


def test_registers_never_leak_to_who_may_not_see_them(world):
    users, _registers = world
    anonymous = client_for()
    for url in ("/data-induk/", "/data-induk.json", "/data-induk.csv"):
        body = anonymous.get(url).content.decode()
        assert "Register Terbuka Sekolah" in body
        assert SECRET not in body
    listed = anonymous.get("/data-induk.json").json()["registers"]
    assert [r["slug"] for r in listed] == ["register-terbuka"]
    for level in ("terbatas", "tertutup"):
        for suffix in ("/", ".json", ".csv", "/?q=Sekolah&wilayah=36.71", "/impor/"):
            response = anonymous.get(f"/data-induk/register-{level}{suffix}")
            assert response.status_code in (302, 404), (level, suffix)
            assert SECRET not in response.content.decode()
    other = client_for(users["other"])
    assert other.get("/data-induk/register-terbatas/").status_code == 200
    assert other.get("/data-induk/register-tertutup/?q=Sekolah").status_code == 404
    assert other.get("/data-induk/register-tertutup/impor/").status_code == 404
    assert SECRET not in other.get("/data-induk.json").content.decode().split("terbatas")[-1]


def test_tertutup_reads_are_audited(world):
    users, _registers = world
    response = client_for(users["owner"]).get("/data-induk/register-tertutup/")
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert AuditEntry.objects.filter(action="register.read").count() == 1
    client_for(users["walidata"]).get("/data-induk/register-terbatas/")
    assert AuditEntry.objects.filter(action="register.read").count() == 1


def test_register_page_searches_and_filters(world):
    client = client_for()
    page = client.get("/data-induk/register-terbuka/?q=cipondoh").content.decode()
    assert "SD Negeri Cipondoh 3" in page and "SD Negeri Sukarasa 1" not in page
    page = client.get("/data-induk/register-terbuka/?wilayah=36.71.01").content.decode()
    assert "SD Negeri Sukarasa 1" in page and "SD Negeri Cipondoh 3" not in page
    document = client.get("/data-induk/register-terbuka.json?q=%00sukarasa").json()
    assert [e["identifier"] for e in document["entries"]] == ["20600001"]


def test_work_pages_need_the_right_role(world):
    users, _registers = world
    assert client_for().get("/kode/baru/").status_code == 302
    assert client_for(users["owner"]).get("/kode/baru/").status_code == 403
    assert client_for(users["owner"]).get("/kode/agama/impor/").status_code == 403
    assert client_for(users["walidata"]).get("/kode/agama/impor/").status_code == 200
    assert client_for(users["other"]).get("/data-induk/register-terbuka/impor/").status_code == 403
    assert client_for(users["owner"]).get("/data-induk/register-terbuka/impor/").status_code == 200
    assert client_for(make_user(make_org("partner"))).get("/data-induk/baru/").status_code == 403


def test_create_import_and_publish_a_code_list(world):
    users, _registers = world
    client = client_for(users["walidata"])
    response = client.post("/kode/baru/", {"name": "Jenis Disabilitas", "source": "Uji"})
    assert response.status_code == 302 and response["Location"] == "/kode/jenis-disabilitas/impor/"
    bad = client.post(
        "/kode/jenis-disabilitas/impor/", {"file": csv_file("kode,nama\n1,Fisik\n1,Lagi\n")}
    )
    assert bad.status_code == 200
    assert "code.duplicate" in bad.content.decode()
    assert not CodeListVersion.objects.filter(code_list__slug="jenis-disabilitas").exists()
    good = client.post(
        "/kode/jenis-disabilitas/impor/",
        {"file": csv_file("kode,nama\n1,Fisik\n2,Sensorik\n"), "note": "Awal"},
    )
    assert good.status_code == 302 and good["Location"].endswith("?versi=1")
    published = client.post("/kode/jenis-disabilitas/versi/1/terbitkan/")
    assert published.status_code == 302
    assert CodeListVersion.objects.get(code_list__slug="jenis-disabilitas").is_published
    assert client.get("/kode/jenis-disabilitas/versi/1/terbitkan/").status_code == 405
    again = client.post("/kode/jenis-disabilitas/versi/1/buang/", follow=True)
    assert "cannot be removed" in again.content.decode()


def test_discard_a_draft(world):
    users, _registers = world
    code_list = make_code_list("warna")
    CodeListVersion.objects.create(code_list=code_list, number=2)
    client = client_for(users["pembina"])
    assert client.post("/kode/warna/versi/2/buang/").status_code == 302
    assert list(code_list.versions.values_list("number", flat=True)) == [1]
    assert client_for(users["owner"]).post("/kode/warna/versi/1/buang/").status_code == 403


def test_create_a_register_and_import_its_entries(world):
    users, _registers = world
    client = client_for(users["owner"])
    response = client.post(
        "/data-induk/baru/",
        {
            "name": "Posyandu",
            "identifier_label": "Kode Posyandu",
            "identifier_pattern": r"^P\d{4}$",
            "access_level": "terbatas",
        },
    )
    assert response.status_code == 302
    register = Register.objects.get(slug="posyandu")
    assert register.owner == users["owner"].organisation
    bad = client.post(
        "/data-induk/posyandu/impor/",
        {"file": csv_file("Kode Posyandu,Nama\n12,Mawar\n")},
    )
    assert "identifier.pattern" in bad.content.decode()
    good = client.post(
        "/data-induk/posyandu/impor/",
        {"file": csv_file("Kode Posyandu,Nama,Kode Wilayah\nP0001,Mawar,36.71.01.1001\n")},
        follow=True,
    )
    assert "1 new entries" in good.content.decode()
    assert register.entries.get().kode_wilayah_id == "36.71.01.1001"
    walidata_form = client_for(users["walidata"]).get("/data-induk/baru/").content.decode()
    assert 'name="owner"' in walidata_form


def test_forms_need_the_csrf_token(world):
    users, _registers = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["walidata"])
    assert client.post("/kode/baru/", {"name": "Tanpa Token"}).status_code == 403


def test_json_of_a_register_lists_its_entries(world):
    data = json.loads(client_for().get("/data-induk/register-terbuka.json").content)
    assert data["register"]["identifier_label"] == "NPSN"
    assert {e["identifier"] for e in data["entries"]} == {"20600001", "20600002"}
