import pytest

from satudata.apps.accounts.notify import notify
from satudata.apps.catalog.models import Dataset, State
from satudata.apps.portal.tests.helpers import english_client, people, signed_in, with_candidate
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def test_workspace_needs_sign_in(crew):
    response = english_client().get("/kerja/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_producer_dashboard_groups_own_datasets_by_state(crew):
    make_dataset(crew["org"], title="Terbit")
    with_candidate(crew["org"], crew["produsen"], title="Masih Draf")
    make_dataset(crew["other_org"], title="Milik Orang Lain")
    notify([crew["produsen"]], "published", {"dataset": "Terbit", "actor": "Wali"}, "/dataset/x/")
    response = signed_in(crew["produsen"]).get("/kerja/")
    body = response.content.decode()
    assert response.status_code == 200
    groups = {
        value: [d.title for d in items] for value, _l, items in response.context["own_by_state"]
    }
    assert groups["draft"] == ["Masih Draf"]
    assert groups["diterbitkan"] == ["Terbit"]
    assert "Milik Orang Lain" not in body
    assert "“Terbit” was published by Wali." in body
    assert "New dataset" in body
    assert response.context["queue"] is None


def test_walidata_dashboard_shows_the_submission_queue(crew):
    with_candidate(crew["org"], crew["produsen"], title="Menunggu", state="diajukan")
    with_candidate(crew["org"], crew["produsen"], title="Draf")
    response = signed_in(crew["walidata"]).get("/kerja/")
    assert [d.title for d in response.context["queue"]] == ["Menunggu"]
    assert "Waiting for your check" in response.content.decode()


def test_pembina_dashboard_shows_data_prioritas_awaiting_review(crew):
    with_candidate(
        crew["org"],
        crew["produsen"],
        title="Prioritas",
        state="menunggu_pembina",
        prioritas_years=[2025],
    )
    response = signed_in(crew["pembina"]).get("/kerja/")
    assert [d.title for d in response.context["pembina_queue"]] == ["Prioritas"]


def metadata(**extra):
    data = {
        "title": "Jumlah Posyandu Aktif",
        "description": "Posyandu per kelurahan.",
        "access_level": "terbuka",
        "licence": "cc-by-4.0",
        "frekuensi": "tahunan",
        "level_penyajian": "kelurahan",
        "jenis_statistik": "sektoral",
        "tags": "kesehatan, Posyandu ,balita",
        "prioritas_years": "2025, 2024",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "cakupan_wilayah": "36.71",
    }
    data.update(extra)
    return data


def test_create_dataset_through_the_form(crew):
    client = signed_in(crew["produsen"])
    assert client.get("/kerja/dataset/baru/").status_code == 200
    response = client.post("/kerja/dataset/baru/", metadata())
    dataset = Dataset.objects.get(title="Jumlah Posyandu Aktif")
    assert response.status_code == 302
    assert response["Location"] == f"/kerja/dataset/{dataset.slug}/unggah/"
    assert dataset.organisation == crew["org"]
    assert dataset.prioritas_years == [2024, 2025]
    assert sorted(t.name for t in dataset.tags.all()) == ["balita", "kesehatan", "posyandu"]
    assert dataset.cakupan_wilayah_id == "36.71"
    assert AuditEntry.objects.filter(action="dataset.create", object_id=str(dataset.pk)).exists()


def test_create_form_reports_invalid_input(crew):
    client = signed_in(crew["produsen"])
    response = client.post(
        "/kerja/dataset/baru/",
        metadata(title="", prioritas_years="dua ribu", period_start="2025-01-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"title", "prioritas_years", "period_end"}
    assert "is not a year" in response.content.decode()
    assert not Dataset.objects.exists()


def test_only_producers_create_datasets(crew):
    assert signed_in(crew["partner"]).get("/kerja/dataset/baru/").status_code == 403


def test_edit_metadata_records_what_changed(crew):
    dataset = make_dataset(crew["org"], title="Lama")
    client = signed_in(crew["produsen"])
    form = client.get(f"/kerja/dataset/{dataset.slug}/ubah/")
    assert form.context["form"].initial["tags"] == ""
    response = client.post(f"/kerja/dataset/{dataset.slug}/ubah/", metadata(title="Baru"))
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.title == "Baru"
    entry = AuditEntry.objects.get(action="dataset.update")
    assert entry.detail["changed"]["title"] == "Baru"


def test_edit_is_403_for_visible_and_404_for_hidden_datasets(crew):
    public = make_dataset(crew["org"])
    closed = make_dataset(crew["org"], access_level="tertutup")
    client = signed_in(crew["stranger"])
    response = client.get(f"/kerja/dataset/{public.slug}/ubah/")
    assert response.status_code == 403
    assert "Only the produsen data of Dinas Kesehatan" in response.content.decode()
    assert client.get(f"/kerja/dataset/{closed.slug}/ubah/").status_code == 404
    assert client.post(f"/kerja/dataset/{closed.slug}/ajukan/").status_code == 404


def test_submit_page_shows_the_checklist_and_submits(crew, django_capture_on_commit_callbacks):
    dataset = with_candidate(crew["org"], crew["produsen"])
    client = signed_in(crew["produsen"])
    page = client.get(f"/kerja/dataset/{dataset.slug}/ajukan/").content.decode()
    assert "Metadata complete" in page and "Missing:" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kerja/dataset/{dataset.slug}/ajukan/", {"note": "Mohon cek"})
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.state == State.DIAJUKAN
    assert dataset.transitions.first().note == "Mohon cek"


def test_submit_refusal_shows_the_action_message(crew):
    dataset = make_dataset(crew["org"], published=False)
    response = signed_in(crew["produsen"]).post(
        f"/kerja/dataset/{dataset.slug}/ajukan/", follow=True
    )
    assert "Upload a data version before submitting." in response.content.decode()
    dataset.refresh_from_db()
    assert dataset.state == State.DRAFT


def test_walidata_returns_with_a_note_then_publishes(crew):
    dataset = with_candidate(crew["org"], crew["produsen"], state="diajukan")
    walidata = signed_in(crew["walidata"])
    page = walidata.get(f"/kerja/pemeriksaan/{dataset.slug}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kode Referensi / Data Induk: uses the official codes" in body
    assert "36.71.01" in body

    empty_note = walidata.post(f"/kerja/pemeriksaan/{dataset.slug}/", {"decision": "return"})
    assert "Write what the produsen must fix" in empty_note.content.decode()
    walidata.post(
        f"/kerja/pemeriksaan/{dataset.slug}/", {"decision": "return", "note": "Isi satuan"}
    )
    dataset.refresh_from_db()
    assert dataset.state == State.DIKEMBALIKAN
    produsen_view = signed_in(crew["produsen"]).get(dataset.get_absolute_url()).content.decode()
    assert "Isi satuan" in produsen_view

    dataset.state = State.DIAJUKAN
    dataset.save()
    unticked = walidata.post(f"/kerja/pemeriksaan/{dataset.slug}/", {"decision": "approve"})
    assert "Tick every principle" in unticked.content.decode()
    ticks = {
        f"check_{code}": "on"
        for code in ("standar_data", "metadata", "interoperabilitas", "kode_referensi")
    }
    walidata.post(f"/kerja/pemeriksaan/{dataset.slug}/", {"decision": "approve", **ticks})
    dataset.refresh_from_db()
    assert dataset.state == State.DITERBITKAN
    publish = dataset.transitions.first()
    assert publish.checks["manual"] == {
        "standar_data": True,
        "metadata": True,
        "interoperabilitas": True,
        "kode_referensi": True,
    }
    assert "metadata" in publish.checks["automatic"]


def test_data_prioritas_goes_on_to_the_pembina(crew):
    dataset = with_candidate(
        crew["org"], crew["produsen"], state="diajukan", prioritas_years=[2025]
    )
    ticks = {
        f"check_{code}": "on"
        for code in ("standar_data", "metadata", "interoperabilitas", "kode_referensi")
    }
    signed_in(crew["walidata"]).post(
        f"/kerja/pemeriksaan/{dataset.slug}/",
        {"decision": "approve", "note": "Catatan-Internal-5R", **ticks},
    )
    dataset.refresh_from_db()
    assert dataset.state == State.MENUNGGU_PEMBINA
    pembina = signed_in(crew["pembina"])
    page = pembina.get(f"/kerja/pemeriksaan/{dataset.slug}/").content.decode()
    assert "Pembina review" in page
    assert f"/versi/{dataset.candidate_version.number}/unduh.csv" in page
    assert "Catatan-Internal-5R" not in page
    assert "/sumber/" not in page
    pembina.post(f"/kerja/pemeriksaan/{dataset.slug}/", {"decision": "approve", **ticks})
    dataset.refresh_from_db()
    assert dataset.state == State.DITERBITKAN


def test_review_page_is_refused_to_others(crew):
    dataset = with_candidate(crew["org"], crew["produsen"], state="diajukan")
    assert signed_in(crew["produsen"]).get(f"/kerja/pemeriksaan/{dataset.slug}/").status_code == 403
    assert signed_in(crew["stranger"]).get(f"/kerja/pemeriksaan/{dataset.slug}/").status_code == 404


def test_rollback_from_the_version_page(crew):
    from satudata.apps.portal.tests.helpers import second_version

    dataset = make_dataset(crew["org"])
    second_version(dataset, {}, publish=True)
    assert (
        signed_in(crew["produsen"])
        .post(f"/kerja/dataset/{dataset.slug}/versi/1/pulihkan/", {"note": "x"})
        .status_code
        == 403
    )
    response = signed_in(crew["walidata"]).post(
        f"/kerja/dataset/{dataset.slug}/versi/1/pulihkan/", {"note": "Angka v2 salah"}
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.published_version.number == 1
    assert dataset.transitions.first().note == "Angka v2 salah"


def test_admin_chooses_the_organisation(crew):
    admin = make_user(None, "admin")
    response = signed_in(admin).post(
        "/kerja/dataset/baru/", metadata(organisation=crew["other_org"].pk)
    )
    assert response.status_code == 302
    assert Dataset.objects.get().organisation == crew["other_org"]


def test_reviewing_tertutup_data_is_audited(crew):
    dataset = with_candidate(
        crew["org"], crew["produsen"], state="diajukan", access_level="tertutup"
    )
    signed_in(crew["walidata"]).get(f"/kerja/pemeriksaan/{dataset.slug}/")
    entry = AuditEntry.objects.get(action="dataset.read")
    assert entry.detail == {"what": "review"} and entry.actor_id == crew["walidata"].pk
