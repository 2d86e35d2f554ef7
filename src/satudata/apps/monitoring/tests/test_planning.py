from datetime import date

import pytest

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.monitoring import actions
from satudata.apps.monitoring.models import DaftarData, PlannedElement, PrioritasDesignation
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def add(crew, user_key="produsen", **extra):
    daftar = actions.check_open_daftar(user=crew[user_key], organisation=crew["org"], year=2026)
    values = {"name": "Jumlah puskesmas", "frekuensi": "tahunan", "due_date": date(2026, 3, 31)}
    values.update(extra)
    return actions.check_save_element(user=crew[user_key], daftar=daftar, **values)


def test_an_opd_plans_and_the_walidata_approves_with_the_forum_decision(crew, english):
    dataset = make_dataset(crew["org"], title="Puskesmas")
    element = add(crew, dataset=dataset, prioritas=True)
    daftar = element.daftar
    with pytest.raises(ActionError, match="Forum Satu Data"):
        actions.check_approve_daftar(user=crew["walidata"], daftar=daftar, forum_note=" ")
    actions.check_approve_daftar(
        user=crew["walidata"], daftar=daftar, forum_note="Forum Satu Data 12 Maret 2026"
    )
    daftar.refresh_from_db()
    assert daftar.state == "disetujui"
    assert daftar.approved_by == crew["walidata"]
    dataset.refresh_from_db()
    assert dataset.prioritas_years == [2026]
    designation = PrioritasDesignation.objects.get(dataset=dataset)
    assert designation.forum_note == "Forum Satu Data 12 Maret 2026"
    assert AuditEntry.objects.filter(action="daftar_data.approve").exists()
    with pytest.raises(ActionError, match="approved by the Forum"):
        add(crew, name="Tambahan")


def test_who_may_plan(crew):
    with pytest.raises(NotAllowed):
        actions.check_open_daftar(user=crew["stranger"], organisation=crew["org"], year=2026)
    with pytest.raises(NotAllowed):
        actions.check_open_daftar(user=crew["pembina"], organisation=crew["org"], year=2026)
    element = add(crew)
    with pytest.raises(NotAllowed):
        actions.check_approve_daftar(user=crew["produsen"], daftar=element.daftar, forum_note="x")
    with pytest.raises(NotAllowed):
        actions.check_delete_element(user=crew["stranger"], element=element)


def test_plans_are_checked(crew, english):
    with pytest.raises(ActionError, match="outside the year 2026"):
        add(crew, due_date=date(2030, 1, 1))
    with pytest.raises(ActionError, match="another organisation"):
        add(crew, dataset=make_dataset(crew["other_org"]))
    empty = DaftarData.objects.create(organisation=crew["other_org"], year=2026)
    with pytest.raises(ActionError, match="empty Daftar Data"):
        actions.check_approve_daftar(user=crew["walidata"], daftar=empty, forum_note="Forum")


def test_designation_and_withdrawal(crew):
    dataset = make_dataset(crew["org"])
    with pytest.raises(NotAllowed):
        actions.check_designate_prioritas(
            user=crew["pembina"], dataset=dataset, year=2026, forum_note="Forum"
        )
    designation = actions.check_designate_prioritas(
        user=crew["walidata"], dataset=dataset, year=2026, forum_note="Forum 3", kriteria="RPJMD"
    )
    dataset.refresh_from_db()
    assert dataset.prioritas_years == [2026]
    actions.check_withdraw_prioritas(user=crew["walidata"], designation=designation)
    dataset.refresh_from_db()
    assert dataset.prioritas_years == []
    assert not PrioritasDesignation.objects.exists()


def test_daftar_pages(crew):
    client = signed_in(crew["produsen"])
    url = f"/kerja/daftar-data/{crew['org'].slug}/2026/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Jumlah bidan", "frekuensi": "tahunan", "due_date": "2026-05-01"}
    )
    assert response.status_code == 302
    assert PlannedElement.objects.get().name == "Jumlah bidan"
    bad = client.post(url, {"name": "X", "frekuensi": "tahunan", "due_date": "2031-05-01"})
    assert "outside the year 2026" in bad.content.decode()
    assert signed_in(crew["stranger"]).get(url).status_code == 404
    assert signed_in(crew["stranger"]).post(url, {"name": "X"}).status_code == 404
    assert signed_in(crew["pembina"]).post(url, {"name": "X"}).status_code == 404
    walidata = signed_in(crew["walidata"])
    assert "Dinas Kesehatan" in walidata.get("/kerja/daftar-data/").content.decode()
    walidata.post(f"{url}setujui/", {"forum_note": "Forum 1"})
    assert DaftarData.objects.get().state == "disetujui"
    element = PlannedElement.objects.get()
    client.post(f"/kerja/daftar-data/elemen/{element.pk}/hapus/")
    assert PlannedElement.objects.exists()


def test_prioritas_page(crew):
    dataset = make_dataset(crew["org"], title="Angka Kematian Bayi")
    walidata = signed_in(crew["walidata"])
    response = walidata.post(
        "/kerja/prioritas/", {"dataset": dataset.pk, "year": 2026, "forum_note": "Forum 2"}
    )
    assert response.status_code == 302
    assert (
        "Angka Kematian Bayi"
        in signed_in(crew["pembina"]).get("/kerja/prioritas/").content.decode()
    )
    assert signed_in(crew["pembina"]).post("/kerja/prioritas/", {}).status_code == 404
    assert signed_in(crew["produsen"]).get("/kerja/prioritas/").status_code == 404


def test_the_daftar_data_hides_the_names_of_data_the_viewer_may_not_see(crew):
    closed = make_dataset(crew["org"], access_level="tertutup", title="Data Rahasia-Tertutup-9Z")
    add(crew, name=closed.title, dataset=closed)
    url = f"/kerja/daftar-data/{crew['org'].slug}/2026/"
    assert "Rahasia-Tertutup-9Z" in signed_in(crew["produsen"]).get(url).content.decode()
    assert "Rahasia-Tertutup-9Z" in signed_in(crew["walidata"]).get(url).content.decode()
    seen_by_pembina = signed_in(crew["pembina"]).get(url).content.decode()
    assert "Rahasia-Tertutup-9Z" not in seen_by_pembina
    assert "A data element of restricted data" in seen_by_pembina
