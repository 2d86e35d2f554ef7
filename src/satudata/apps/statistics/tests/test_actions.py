from datetime import date

import pytest

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.statistics import actions
from satudata.apps.statistics.models import Bukti, DatasetKegiatan, Kegiatan, Proses
from satudata.apps.statistics.tests.conftest import KEG, VAR_PUBLIC, make_kegiatan
from satudata.engines.stats import metadata as md
from satudata.platform import storage
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


def test_produsen_creates_for_own_opd_with_audit(who, kegiatan):
    assert kegiatan.organisation == who["org"]
    assert kegiatan.slug == "survei-status-gizi-balita-2025"
    assert kegiatan.metadata["sektor"] == "Kesehatan"
    assert kegiatan.variabel.count() == 2
    assert AuditEntry.objects.filter(action="kegiatan.create", object_id=str(kegiatan.pk)).exists()


def test_other_opd_cannot_create_or_edit(who, kegiatan):
    with pytest.raises(NotAllowed):
        actions.check_save_kegiatan(user=who["stranger"], values=KEG, organisation=who["org"])
    with pytest.raises(NotAllowed):
        actions.check_save_kegiatan(user=who["stranger"], values=KEG, kegiatan=kegiatan)
    for user in (who["pembina"], who["partner"]):
        with pytest.raises(NotAllowed):
            actions.check_save_entry(
                user=user, kegiatan=kegiatan, kind="variabel", values=VAR_PUBLIC
            )


def test_walidata_creates_for_any_opd_and_edits(who, kegiatan):
    made = actions.check_save_kegiatan(
        user=who["walidata"], values={**KEG, "tahun": 2026}, organisation=who["other_org"]
    )
    assert made.organisation == who["other_org"]
    changed = actions.check_save_kegiatan(
        user=who["walidata"], values={**KEG, "sektor": "Gizi"}, kegiatan=kegiatan
    )
    assert changed.metadata["sektor"] == "Gizi"


def test_walidata_cannot_give_kegiatan_to_a_non_producer(who):
    with pytest.raises(ActionError, match="OPD or a BUMD"):
        actions.check_save_kegiatan(
            user=who["walidata"], values=KEG, organisation=who["partner"].organisation
        )


def test_required_metadata_is_refused_with_located_messages(who):
    values = {**KEG, "tujuan": "", "unit_sampel": ""}
    with pytest.raises(actions.MetadataInvalid) as caught:
        actions.check_save_kegiatan(user=who["produsen"], values=values, organisation=who["org"])
    assert caught.value.problems == [
        "Sheet MS-Keg, column 'Tujuan Kegiatan': required: fill it in",
        "Sheet MS-Keg, column 'Unit Sampel': required when Cara Pengumpulan Data = Survei: "
        "fill it in",
    ]
    assert not Kegiatan.objects.exists()


def test_same_title_and_year_twice_is_refused(who, kegiatan):
    with pytest.raises(ActionError, match="already has a kegiatan"):
        actions.check_save_kegiatan(user=who["produsen"], values=KEG, organisation=who["org"])


def test_entries_unique_by_name_and_deleted(who, kegiatan):
    with pytest.raises(ActionError, match="already has an entry"):
        actions.check_save_entry(
            user=who["produsen"],
            kegiatan=kegiatan,
            kind="variabel",
            values={**VAR_PUBLIC, "nama": "UMUR BALITA"},
        )
    entry = kegiatan.variabel.first()
    actions.check_delete_entry(user=who["produsen"], entry=entry)
    assert kegiatan.variabel.count() == 1


def test_romantik_request_then_pembina_outcome(who, kegiatan):
    with pytest.raises(ActionError, match="not recorded a Romantik request"):
        actions.check_record_romantik_outcome(
            user=who["pembina"], kegiatan=kegiatan, status="diproses"
        )
    with pytest.raises(NotAllowed):
        actions.check_request_romantik(
            user=who["stranger"],
            kegiatan=kegiatan,
            nomor_pengajuan="1",
            tanggal_pengajuan=date(2025, 1, 2),
        )
    actions.check_request_romantik(
        user=who["produsen"],
        kegiatan=kegiatan,
        nomor_pengajuan="B-1/2025",
        tanggal_pengajuan=date(2025, 1, 2),
    )
    for user in (who["produsen"], who["walidata"]):
        with pytest.raises(NotAllowed, match="Only the pembina"):
            actions.check_record_romantik_outcome(
                user=user, kegiatan=kegiatan, status="direkomendasikan", nomor_rekomendasi="R-1"
            )
    with pytest.raises(ActionError, match="recommendation id"):
        actions.check_record_romantik_outcome(
            user=who["pembina"], kegiatan=kegiatan, status="direkomendasikan"
        )
    with pytest.raises(ActionError, match="why the request is refused"):
        actions.check_record_romantik_outcome(
            user=who["pembina"], kegiatan=kegiatan, status="ditolak"
        )
    with pytest.raises(ActionError, match="Choose"):
        actions.check_record_romantik_outcome(
            user=who["pembina"], kegiatan=kegiatan, status="diajukan"
        )
    romantik = actions.check_record_romantik_outcome(
        user=who["pembina"], kegiatan=kegiatan, status="direkomendasikan", nomor_rekomendasi="R-1"
    )
    assert romantik.recommended and romantik.decided_by == who["pembina"]
    with pytest.raises(ActionError, match="already recorded the outcome"):
        actions.check_request_romantik(
            user=who["produsen"],
            kegiatan=kegiatan,
            nomor_pengajuan="B-2",
            tanggal_pengajuan=date(2025, 1, 3),
        )


def test_gsbpm_update_rules(who, kegiatan):
    update = actions.check_update_proses
    with pytest.raises(ActionError, match="not a GSBPM"):
        update(user=who["produsen"], kegiatan=kegiatan, code="9.1", status="selesai")
    with pytest.raises(ActionError, match="Choose"):
        update(user=who["produsen"], kegiatan=kegiatan, code="1.1", status="kacau")
    with pytest.raises(ActionError, match="end date"):
        update(
            user=who["produsen"],
            kegiatan=kegiatan,
            code="1.1",
            status="selesai",
            mulai=date(2025, 2, 1),
            selesai=date(2025, 1, 1),
        )
    with pytest.raises(ActionError, match="owner"):
        update(
            user=who["produsen"],
            kegiatan=kegiatan,
            code="1.1",
            status="selesai",
            owner=who["stranger"],
        )
    with pytest.raises(NotAllowed):
        update(user=who["pembina"], kegiatan=kegiatan, code="1.1", status="selesai")
    update(
        user=who["produsen"],
        kegiatan=kegiatan,
        code="1.1",
        status="selesai",
        owner=who["walidata"],
    )
    assert Proses.objects.get(kegiatan=kegiatan, code="1.1").owner == who["walidata"]


def test_evidence_document_is_stored_and_removed(who, kegiatan, tmp_path):
    source = tmp_path / "kuesioner.pdf"
    source.write_bytes(b"%PDF-1.4 contoh")
    bukti = actions.check_add_bukti(
        user=who["produsen"],
        kegiatan=kegiatan,
        code="3.1",
        title="Kuesioner",
        file=source,
        file_name="kuesioner.pdf",
        media_type="application/pdf",
    )
    stored = storage.absolute(bukti.file_path)
    assert stored.read_bytes() == b"%PDF-1.4 contoh"
    assert bukti.file_path.startswith("gsbpm/")
    with pytest.raises(ActionError, match="either a document or a link"):
        actions.check_add_bukti(user=who["produsen"], kegiatan=kegiatan, code="3.1", title="x")
    link = actions.check_add_bukti(
        user=who["produsen"], kegiatan=kegiatan, code="7.1", title="", url="https://x.id/a"
    )
    assert link.kind == Bukti.Kind.LINK and link.title == "https://x.id/a"
    actions.check_remove_bukti(user=who["produsen"], bukti=bukti)
    assert not Bukti.objects.filter(pk=bukti.pk).exists()


def test_link_only_datasets_the_editor_may_see(who, kegiatan):
    own = make_dataset(who["org"], title="Balita per kecamatan")
    hidden = make_dataset(who["other_org"], published=False, title="Draf orang lain")
    variabel = list(kegiatan.variabel.all()[:1])
    link = actions.check_link_dataset(
        user=who["produsen"], kegiatan=kegiatan, dataset=own, variabel=variabel
    )
    assert list(link.variabel.all()) == variabel
    with pytest.raises(ActionError, match="does not exist"):
        actions.check_link_dataset(user=who["produsen"], kegiatan=kegiatan, dataset=hidden)
    other = make_kegiatan(who, judul="Kegiatan Lain")
    with pytest.raises(ActionError, match="variables of this kegiatan"):
        actions.check_link_dataset(
            user=who["produsen"],
            kegiatan=other,
            dataset=own,
            variabel=variabel,
        )
    actions.check_unlink_dataset(user=who["produsen"], link=link)
    assert not DatasetKegiatan.objects.exists()


def test_import_is_all_or_nothing_and_updates_by_title(who, kegiatan):
    broken = md.Parsed(
        [md.KegiatanRecord({**KEG, "judul": "Baru"})],
        [md.Problem("MS-Var", 7, "Definisi", md.REQUIRED)],
    )
    with pytest.raises(actions.MetadataInvalid) as caught:
        actions.check_import(user=who["produsen"], organisation=who["org"], parsed=broken)
    assert caught.value.problems == ["Sheet MS-Var, row 7, column 'Definisi': required: fill it in"]
    assert Kegiatan.objects.count() == 1
    good = md.Parsed(
        [
            md.KegiatanRecord(
                {**KEG, "judul": KEG["judul"].upper(), "sektor": "Gizi"},
                variabel=[md.Record({**VAR_PUBLIC, "definisi": "Baru."})],
            ),
            md.KegiatanRecord({**KEG, "judul": "Survei Baru"}),
        ],
        [],
    )
    with pytest.raises(NotAllowed):
        actions.check_import(user=who["stranger"], organisation=who["org"], parsed=good)
    result = actions.check_import(user=who["produsen"], organisation=who["org"], parsed=good)
    assert (result.created, result.updated, result.entries) == (1, 1, 1)
    kegiatan.refresh_from_db()
    assert kegiatan.metadata["sektor"] == "Gizi"
    assert kegiatan.variabel.get(nama="Umur balita").metadata["definisi"] == "Baru."
    with pytest.raises(ActionError, match="no kegiatan"):
        actions.check_import(
            user=who["produsen"], organisation=who["org"], parsed=md.Parsed([], [])
        )


def test_delete_kegiatan(who, kegiatan):
    with pytest.raises(NotAllowed):
        actions.check_delete_kegiatan(user=who["stranger"], kegiatan=kegiatan)
    actions.check_delete_kegiatan(user=who["walidata"], kegiatan=kegiatan)
    assert not Kegiatan.objects.exists()
