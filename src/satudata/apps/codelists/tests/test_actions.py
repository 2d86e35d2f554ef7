"""Imports, publishing and registers: the happy paths, every refusal, and that nothing changes
when a file has problems."""

import datetime

import pytest

from satudata.apps.codelists import actions
from satudata.apps.codelists.errors import ActionError, ImportRejected, NotAllowed
from satudata.apps.codelists.models import (
    Code,
    CodeList,
    CodeListVersion,
    ImmutableVersion,
    RegisterEntry,
)
from satudata.apps.codelists.queries import codes_of
from satudata.apps.codelists.tests.helpers import (
    add_entry,
    csv_file,
    make_code_list,
    make_register,
    xlsx_file,
)
from satudata.platform import storage
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db

CODES = "kode,nama,label_en,induk\n1,Urusan Wajib,Mandatory,\n1.01,Pendidikan,Education,1\n"


@pytest.fixture
def walidata():
    return make_user(make_org("walidata"), "walidata")


@pytest.fixture
def pembina():
    return make_user(make_org("pembina"), "pembina")


def test_the_migration_ships_the_published_reference_lists():
    assert codes_of("jenis-kelamin") == {"1": "Laki-laki", "2": "Perempuan"}
    assert codes_of("agama")["7"] == "Kepercayaan terhadap Tuhan YME"
    assert len(codes_of("pendidikan")) == 10
    assert codes_of("status-perkawinan")["4"] == "Cerai Mati"
    urusan = codes_of("urusan-pemerintahan")
    assert urusan["1.01"] == "Pendidikan" and urusan["2.20"] == "Statistik"
    assert (
        Code.objects.get(version__code_list__slug="urusan-pemerintahan", code="1.02").parent.code
        == "1"
    )
    assert "Nomor 90 Tahun 2019" in CodeList.objects.get(slug="urusan-pemerintahan").source
    assert "Dukcapil" in CodeList.objects.get(slug="golongan-darah").source


def test_import_makes_a_draft_and_publishing_makes_it_current(walidata):
    code_list = actions.check_create_code_list(user=walidata, slug="urusan-uji", name="Urusan uji")
    version = actions.check_import_codes(walidata, code_list, csv_file(CODES), note="awal")
    assert version.state == "draft" and version.number == 1 and version.note == "awal"
    child = version.codes.get(code="1.01")
    assert child.parent.code == "1" and child.label_en == "Education"
    with pytest.raises(LookupError):
        codes_of("urusan-uji")
    actions.check_publish_code_list_version(walidata, version)
    version.refresh_from_db()
    assert version.is_published and version.published_at and version.valid_from
    assert codes_of("urusan-uji") == {"1": "Urusan Wajib", "1.01": "Pendidikan"}
    second = actions.check_import_codes(
        walidata, code_list, xlsx_file([["Kode", "Label"], [1, "Wajib"]])
    )
    assert second.number == 2 and second.state == "draft"
    assert codes_of("urusan-uji") == {"1": "Urusan Wajib", "1.01": "Pendidikan"}
    actions.check_publish_code_list_version(walidata, second)
    assert codes_of("urusan-uji") == {"1": "Wajib"}
    assert codes_of("urusan-uji", version=1)["1.01"] == "Pendidikan"
    logged = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert logged == [
        "codelist.create",
        "codelist.import",
        "codelist.publish",
        "codelist.import",
        "codelist.publish",
    ]


def test_published_versions_never_change(walidata):
    code_list = make_code_list()
    version = code_list.versions.get()
    code = version.codes.first()
    code.label_id = "Diubah"
    with pytest.raises(ImmutableVersion):
        code.save()
    with pytest.raises(ImmutableVersion):
        code.delete()
    version.note = "diubah"
    with pytest.raises(ImmutableVersion):
        version.save()
    with pytest.raises(ImmutableVersion):
        version.delete()
    with pytest.raises(ActionError):
        actions.check_publish_code_list_version(walidata, version)
    with pytest.raises(ActionError):
        actions.check_discard_code_list_version(walidata, version)
    assert Code.objects.get(pk=code.pk).label_id != "Diubah"


def test_drafts_can_change_and_be_discarded(pembina):
    code_list = make_code_list()
    draft = actions.check_import_codes(pembina, code_list, csv_file(CODES))
    code = draft.codes.get(code="1")
    code.label_id = "Diperbaiki"
    code.save()
    actions.check_discard_code_list_version(pembina, draft)
    assert not CodeListVersion.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(action="codelist.discard").count() == 1


@pytest.mark.usefixtures("english")
def test_a_file_with_problems_changes_nothing(walidata):
    code_list = make_code_list()
    bad = "kode,nama,induk\n1,Satu,\n1,Lagi,\n2,,9\n"
    with pytest.raises(ImportRejected) as caught:
        actions.check_import_codes(walidata, code_list, csv_file(bad))
    assert {p.rule for p in caught.value.problems} == {
        "code.duplicate",
        "label.missing",
        "parent.unknown",
    }
    assert "nothing was changed" in caught.value.message
    assert code_list.versions.count() == 1
    assert not AuditEntry.objects.filter(action="codelist.import").exists()


def test_an_unreadable_file_is_rejected_with_a_reason(walidata):
    with pytest.raises(ImportRejected) as caught:
        actions.check_import_codes(walidata, make_code_list(), csv_file("x", name="kode.pdf"))
    assert caught.value.problems[0].rule == "file.unreadable"


@pytest.mark.usefixtures("english")
def test_a_file_over_the_upload_limit_is_refused_and_leaves_no_copy(walidata, settings):
    settings.UPLOAD_MAX_BYTES = 40
    code_list = make_code_list()
    with pytest.raises(ActionError, match="larger than the limit") as caught:
        actions.check_import_codes(walidata, code_list, csv_file(CODES))
    assert not isinstance(caught.value, ImportRejected)
    assert list(storage.staging_dir().iterdir()) == []
    assert code_list.versions.count() == 1


def test_publishing_an_empty_draft_and_bad_version_dates_are_refused(walidata):
    code_list = make_code_list()
    empty = CodeListVersion.objects.create(code_list=code_list, number=2)
    with pytest.raises(ActionError):
        actions.check_publish_code_list_version(walidata, empty)
    with pytest.raises(ActionError):
        actions.check_import_codes(
            walidata,
            code_list,
            csv_file(CODES),
            valid_from=datetime.date(2025, 1, 2),
            valid_to=datetime.date(2024, 1, 1),
        )


def test_only_walidata_and_pembina_manage_code_lists():
    code_list = make_code_list()
    for user in (make_user(make_org("opd"), "produsen"), make_user(make_org("partner")), None):
        with pytest.raises(NotAllowed):
            actions.check_import_codes(user, code_list, csv_file(CODES))
        with pytest.raises(NotAllowed):
            actions.check_create_code_list(user=user, slug="x", name="X")
    draft = CodeListVersion.objects.create(code_list=code_list, number=2)
    with pytest.raises(NotAllowed):
        actions.check_publish_code_list_version(make_user(make_org("opd"), "produsen"), draft)


def test_slugs_must_be_free(walidata):
    make_code_list("dipakai")
    for slug in ("dipakai", "baru"):
        with pytest.raises(ActionError):
            actions.check_create_code_list(user=walidata, slug=slug, name="X")


ENTRIES = (
    "NPSN,Nama,Kode Wilayah,Alamat,Jenjang\n"
    "20600001,SD Negeri Sukarasa 1,36.71.01.1001,Jl. Melati 1,SD\n"
    "20600002,SMP Negeri 1,3671011002,,SMP\n"
)


def test_register_import_upserts_by_identifier():
    owner = make_org("opd")
    produsen = make_user(owner, "produsen")
    register = make_register(owner)
    add_entry(register, "20600002", "Nama lama")
    add_entry(register, "20609999", "Tidak ada di berkas")
    result = actions.check_import_register_entries(produsen, register, csv_file(ENTRIES))
    assert (result.created, result.updated, result.kept) == (1, 1, 1)
    entry = RegisterEntry.objects.get(register=register, identifier="20600002")
    assert entry.name == "SMP Negeri 1" and entry.kode_wilayah_id == "36.71.01.1002"
    assert entry.attributes == {"jenjang": "SMP"}
    again = actions.check_import_register_entries(produsen, register, csv_file(ENTRIES))
    assert (again.created, again.updated) == (0, 0)
    audit = AuditEntry.objects.filter(action="register.import").latest("seq")
    assert audit.detail["kept"] == 1


def test_register_import_with_problems_changes_nothing():
    owner = make_org("opd")
    register = make_register(owner)
    bad = "NPSN,Nama,Kode Wilayah\n123,Salah,36.71.01.1001\n20600001,Baik,99.99.99.9999\n"
    with pytest.raises(ImportRejected) as caught:
        actions.check_import_register_entries(make_user(owner, "produsen"), register, csv_file(bad))
    problems = {(p.rule, p.row, p.column, p.value) for p in caught.value.problems}
    assert problems == {
        ("identifier.pattern", 2, "NPSN", "123"),
        ("kode_wilayah.unknown", 3, "Kode Wilayah", "99.99.99.9999"),
    }
    assert not register.entries.exists()


def test_only_the_owner_and_walidata_manage_a_register(walidata):
    owner = make_org("opd")
    register = make_register(owner)
    other = make_user(make_org("opd"), "produsen")
    with pytest.raises(NotAllowed):
        actions.check_import_register_entries(other, register, csv_file(ENTRIES))
    result = actions.check_import_register_entries(walidata, register, csv_file(ENTRIES))
    assert result.created == 2


def test_creating_registers(walidata):
    owner = make_org("opd")
    produsen = make_user(owner, "produsen")
    own = actions.check_create_register(
        user=produsen, slug="sekolah", name="Sekolah", identifier_label="NPSN", owner=owner
    )
    assert own.access_level == "terbuka"
    with pytest.raises(NotAllowed):
        actions.check_create_register(
            user=produsen, slug="lain", name="Lain", identifier_label="X", owner=make_org("opd")
        )
    with pytest.raises(NotAllowed):
        actions.check_create_register(
            user=make_user(make_org("partner")),
            slug="p",
            name="P",
            identifier_label="X",
            owner=owner,
        )
    with pytest.raises(ActionError):
        actions.check_create_register(
            user=walidata,
            slug="pola",
            name="Pola",
            identifier_label="X",
            owner=owner,
            identifier_pattern="([",
        )
    with pytest.raises(ActionError):
        actions.check_create_register(
            user=walidata, slug="sekolah", name="Lagi", identifier_label="X", owner=owner
        )
    made = actions.check_create_register(
        user=walidata,
        slug="faskes",
        name="Faskes",
        identifier_label="Kode Faskes",
        owner=owner,
        access_level="tertutup",
    )
    assert made.owner == owner
    assert AuditEntry.objects.filter(action="register.create").count() == 2
