import pytest
from django.test import Client

from satudata.apps.portal.tests.helpers import english_client, signed_in
from satudata.apps.statistics import actions
from satudata.apps.statistics.models import Kegiatan, Proses
from satudata.apps.statistics.tests.conftest import KEG, make_kegiatan
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db

SECRET = "Variabel-Rahasia-5X"


def test_public_catalogue_lists_published_only(who):
    make_kegiatan(who, judul="Terbit Umum")
    make_kegiatan(who, published=False, judul="Draf-Rahasia-K1")
    page = english_client().get("/statistik/kegiatan/").content.decode()
    assert "Terbit Umum" in page
    assert "Draf-Rahasia-K1" not in page
    assert (
        "Draf-Rahasia-K1"
        not in signed_in(who["produsen"]).get("/statistik/kegiatan/").content.decode()
    )


@pytest.mark.parametrize("role", ["anonymous", "stranger", "partner"])
def test_others_see_public_entries_only(who, kegiatan, role):
    client = english_client() if role == "anonymous" else signed_in(who[role])
    page = client.get(f"/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert "Umur balita" in page
    assert "Prevalensi stunting" in page
    assert SECRET not in page
    doc = client.get(f"/statistik/kegiatan/{kegiatan.slug}.json").json()
    assert [v["nama"] for v in doc["variabel"]] == ["Umur balita"]
    assert doc["romantik"] is None


@pytest.mark.parametrize("role", ["produsen", "walidata", "pembina"])
def test_owner_walidata_pembina_see_all_entries(who, kegiatan, role):
    page = signed_in(who[role]).get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert SECRET in page


@pytest.mark.parametrize("role", ["anonymous", "stranger", "partner"])
def test_unpublished_kegiatan_is_missing_for_others(who, role):
    hidden = make_kegiatan(who, published=False)
    client = english_client() if role == "anonymous" else signed_in(who[role])
    for url in (
        f"/statistik/kegiatan/{hidden.slug}/",
        f"/statistik/kegiatan/{hidden.slug}.json",
        f"/api/v1/statistik/kegiatan/{hidden.slug}",
    ):
        assert client.get(url).status_code == 404
    if role != "anonymous":
        assert client.get(f"/kerja/statistik/kegiatan/{hidden.slug}/").status_code == 404


def test_work_pages_need_sign_in(kegiatan):
    for url in ("/kerja/statistik/", f"/kerja/statistik/kegiatan/{kegiatan.slug}/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_list_warns_about_survey_without_recommendation_and_filters(who, kegiatan):
    client = signed_in(who["walidata"])
    page = client.get("/kerja/statistik/").content.decode()
    assert "survey without recommendation" in page
    assert "1 survey runs without a BPS recommendation" in page
    detail = client.get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert "This survey has no Romantik request" in detail
    empty = client.get("/kerja/statistik/?romantik=direkomendasikan").content.decode()
    assert kegiatan.judul not in empty
    assert (
        kegiatan.judul in client.get("/kerja/statistik/?romantik=belum_diajukan").content.decode()
    )
    assert kegiatan.judul not in client.get("/kerja/statistik/?tahun=2024").content.decode()
    assert (
        kegiatan.judul
        in client.get(f"/kerja/statistik/?organisasi={who['org'].slug}").content.decode()
    )


def test_create_form_shows_field_errors_then_saves(who):
    client = signed_in(who["produsen"])
    assert client.get("/kerja/statistik/baru/").status_code == 200
    data = {k: v for k, v in KEG.items() if k != "tujuan"}
    data["cara_pengumpulan"] = "survei"
    page = client.post("/kerja/statistik/baru/", {**data, "unit_sampel": ""}).content.decode()
    assert "This field is required." in page
    assert "required when Cara Pengumpulan Data = Survei" in page
    response = client.post("/kerja/statistik/baru/", {**data, "tujuan": "Ukur.", "published": "on"})
    assert response.status_code == 302
    made = Kegiatan.objects.get()
    assert made.organisation == who["org"] and made.published


def test_edit_permissions(who, kegiatan):
    url = f"/kerja/statistik/kegiatan/{kegiatan.slug}/ubah/"
    assert signed_in(who["pembina"]).get(url).status_code == 403
    assert signed_in(who["stranger"]).get(url).status_code == 403
    response = signed_in(who["walidata"]).post(url, {**KEG, "sektor": "Gizi Masyarakat"})
    assert response.status_code == 302
    kegiatan.refresh_from_db()
    assert kegiatan.metadata["sektor"] == "Gizi Masyarakat"
    assert not kegiatan.published
    hidden = make_kegiatan(who, published=False, judul="Tersembunyi")
    assert (
        signed_in(who["stranger"]).get(f"/kerja/statistik/kegiatan/{hidden.slug}/ubah/").status_code
        == 404
    )


def test_variable_form(who, kegiatan):
    client = signed_in(who["produsen"])
    url = f"/kerja/statistik/kegiatan/{kegiatan.slug}/variabel/baru/"
    page = client.post(url, {"nama": "Berat", "konsep": "Berat"}).content.decode()
    assert "This field is required." in page
    response = client.post(
        url,
        {
            "nama": "Berat",
            "konsep": "Berat",
            "definisi": "Berat badan.",
            "tipe_data": "numerik",
            "akses_publik": "Ya",
        },
    )
    assert response.status_code == 302
    assert kegiatan.variabel.filter(nama="Berat", akses_publik=True).exists()
    entry = kegiatan.variabel.get(nama="Berat")
    assert (
        client.get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/variabel/{entry.pk}/").status_code
        == 200
    )
    assert (
        signed_in(who["stranger"])
        .post(f"/kerja/statistik/kegiatan/{kegiatan.slug}/variabel/{entry.pk}/hapus/")
        .status_code
        == 403
    )
    client.post(f"/kerja/statistik/kegiatan/{kegiatan.slug}/variabel/{entry.pk}/hapus/")
    assert not kegiatan.variabel.filter(nama="Berat").exists()


def test_romantik_page_roles(who, kegiatan):
    url = f"/kerja/statistik/kegiatan/{kegiatan.slug}/romantik/"
    assert signed_in(who["stranger"]).get(url).status_code == 403
    produsen = signed_in(who["produsen"])
    page = produsen.get(url).content.decode()
    assert "Save the request" in page and "Record the outcome" not in page
    produsen.post(
        url, {"form": "request", "nomor_pengajuan": "B-1", "tanggal_pengajuan": "2025-02-01"}
    )
    assert kegiatan.__class__.objects.get(pk=kegiatan.pk).romantik.status == "diajukan"
    pembina = signed_in(who["pembina"])
    page = pembina.get(url).content.decode()
    assert "Record the outcome" in page and "Save the request" not in page
    page = pembina.post(url, {"form": "outcome", "status": "direkomendasikan"}).content.decode()
    assert "needs its recommendation id" in page
    pembina.post(url, {"form": "outcome", "status": "direkomendasikan", "nomor_rekomendasi": "R-9"})
    listing = signed_in(who["walidata"]).get("/kerja/statistik/").content.decode()
    assert "survey without recommendation" not in listing
    public = english_client().get(f"/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert "R-9" in public


def test_gsbpm_pages(who, kegiatan, tmp_path):
    client = signed_in(who["produsen"])
    url = f"/kerja/statistik/kegiatan/{kegiatan.slug}/gsbpm/4.3/"
    assert client.get(url).status_code == 200
    assert client.get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/gsbpm/9.9/").status_code == 404
    assert signed_in(who["pembina"]).get(url).status_code == 403
    client.post(url, {"form": "status", "status": "selesai", "owner": who["produsen"].pk})
    assert Proses.objects.get(kegiatan=kegiatan, code="4.3").status == "selesai"
    source = tmp_path / "notulen.pdf"
    source.write_bytes(b"%PDF notulen")
    with source.open("rb") as handle:
        client.post(url, {"form": "bukti", "title": "Notulen", "file": handle})
    bukti = Proses.objects.get(kegiatan=kegiatan, code="4.3").bukti.get()
    download = client.get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/bukti/{bukti.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF notulen"
    assert (
        signed_in(who["stranger"])
        .get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/bukti/{bukti.pk}/")
        .status_code
        == 404
    )
    detail = client.get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert "Run collection" in detail and "Notulen" in detail
    board = client.get("/kerja/statistik/papan/").content.decode()
    assert "Specify needs" in board and kegiatan.judul in board


def test_linked_datasets_show_only_when_visible(who, kegiatan):
    open_data = make_dataset(who["org"], title="Balita Terbuka")
    closed = make_dataset(who["org"], title="Data-Tertutup-Q8", access_level="tertutup")
    for dataset in (open_data, closed):
        actions.check_link_dataset(user=who["produsen"], kegiatan=kegiatan, dataset=dataset)
    public = english_client().get(f"/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert "Balita Terbuka" in public and "Data-Tertutup-Q8" not in public
    own = (
        signed_in(who["produsen"])
        .get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/")
        .content.decode()
    )
    assert "Data-Tertutup-Q8" in own
    client = signed_in(who["produsen"])
    form = client.get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/dataset/")
    assert form.status_code == 200


def test_link_form_posts(who, kegiatan):
    dataset = make_dataset(who["org"], title="Balita per kecamatan")
    client = signed_in(who["produsen"])
    variabel = kegiatan.variabel.get(nama="Umur balita")
    url = f"/kerja/statistik/kegiatan/{kegiatan.slug}/dataset/"
    assert client.post(url, {"dataset": dataset.slug, "variabel": [variabel.pk]}).status_code == 302
    link = kegiatan.dataset_links.get()
    assert list(link.variabel.all()) == [variabel]
    client.post(f"/kerja/statistik/kegiatan/{kegiatan.slug}/dataset/{link.pk}/hapus/")
    assert not kegiatan.dataset_links.exists()


def test_delete_page(who, kegiatan):
    assert (
        signed_in(who["stranger"])
        .post(f"/kerja/statistik/kegiatan/{kegiatan.slug}/hapus/")
        .status_code
        == 403
    )
    response = signed_in(who["produsen"]).post(f"/kerja/statistik/kegiatan/{kegiatan.slug}/hapus/")
    assert response.status_code == 302
    assert not Kegiatan.objects.exists()


def test_linked_dataset_names_only_the_variables_the_viewer_may_see(who, kegiatan):
    dataset = make_dataset(who["org"], title="Balita per kecamatan")
    actions.check_link_dataset(
        user=who["produsen"],
        kegiatan=kegiatan,
        dataset=dataset,
        variabel=list(kegiatan.variabel.all()),
    )
    public = english_client().get(f"/statistik/kegiatan/{kegiatan.slug}/").content.decode()
    assert "Umur balita" in public and "Variabel-Rahasia-5X" not in public
    doc = english_client().get(f"/statistik/kegiatan/{kegiatan.slug}.json").json()
    assert doc["datasets"][0]["variabel"] == ["Umur balita"]
    own = signed_in(who["produsen"]).get(f"/kerja/statistik/kegiatan/{kegiatan.slug}/")
    assert "Umur balita, Variabel-Rahasia-5X" in own.content.decode()
