import importlib
from io import StringIO

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command
from django.utils import translation

from satudata.apps.catalog.models import Dataset, State, Upload
from satudata.platform import audit, storage
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db
importer = importlib.import_module("satudata.apps.catalog.management.commands.import")

SCHOOLS = "kode_wilayah,kecamatan,jumlah_sekolah\n36.71.01,Tangerang,41\n36.71.02,Jatiuwung,28\n"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "jumlah_sekolah_per_kecamatan_2024.csv").write_text(SCHOOLS, encoding="utf-8")
    with xlsxwriter.Workbook(str(folder / "kunjungan_RSUD_per_poli.xlsx")) as book:
        sheet = book.add_worksheet("Data")
        sheet.write_row(0, 0, ["Poliklinik", "Jumlah Kunjungan"])
        sheet.write_row(1, 0, ["Anak", 1520])
        sheet.write_row(2, 0, ["Mata", 830])
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan excel")
    (folder / "kosong.csv").write_bytes(b"")
    (folder / "catatan.txt").write_text("bukan data", encoding="utf-8")
    return folder


@pytest.fixture
def org():
    org = make_org("opd")
    make_user(org, "produsen", username="produsen1")
    return org


def run(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        with translation.override("en"):
            call_command("import", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_import_makes_a_draft_dataset_per_readable_file_and_explains_the_rest(folder, org):
    out, error = run(str(folder), "--org", org.slug)
    assert error is not None
    assert error.returncode == 1
    assert "2 of 4 files" in str(error)
    titles = sorted(Dataset.objects.values_list("title", flat=True))
    assert titles == ["Jumlah Sekolah per Kecamatan 2024", "Kunjungan RSUD per Poli"]
    for dataset in Dataset.objects.all():
        assert dataset.organisation == org
        assert dataset.state == State.DRAFT
        assert dataset.published_version is None
        assert dataset.candidate_version.number == 1
        assert dataset.uploads.get().status == Upload.Status.ACCEPTED
    schools = Dataset.objects.get(title__startswith="Jumlah Sekolah")
    assert schools.candidate_version.rows == 2
    lines = {line.split(":", 1)[0]: line for line in out.splitlines() if ":" in line}
    assert "imported" in lines["jumlah_sekolah_per_kecamatan_2024.csv"]
    for broken in ("rusak.xlsx", "kosong.csv"):
        assert "not imported — " in lines[broken]
        assert len(lines[broken].split("not imported — ", 1)[1]) > 10
    assert "catatan.txt" not in out
    sources = list((storage.files_root() / "sources").rglob("*.*"))
    assert len(sources) == 2
    assert audit.verify_chain()[1] == []


def test_importing_the_same_folder_again_adds_nothing(folder, org):
    run(str(folder), "--org", org.slug)
    out, _error = run(str(folder), "--org", org.slug)
    assert Dataset.objects.count() == 2
    assert out.count("skipped — already imported") == 2


def test_access_level_sets_a_matching_licence(folder, org):
    run(str(folder), "--org", org.slug, "--access", "terbatas")
    assert set(Dataset.objects.values_list("access_level", "licence")) == {
        ("terbatas", "bagi-pakai")
    }


def test_an_account_of_another_organisation_cannot_import(folder, org):
    make_user(make_org("opd"), "produsen", username="orang_lain")
    out, error = run(str(folder), "--org", org.slug, "--user", "orang_lain")
    assert error is not None
    assert not Dataset.objects.exists()
    assert "your own organisation" in out


def test_import_needs_an_account_and_a_folder(tmp_path, folder):
    lonely = make_org("opd")
    _out, error = run(str(folder), "--org", lonely.slug)
    assert "--user" in str(error)
    _out, error = run(str(tmp_path / "tidak-ada"), "--org", lonely.slug)
    assert "No such folder" in str(error)


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("jumlah_penduduk_menurut_kecamatan_2024", "Jumlah Penduduk menurut Kecamatan 2024"),
        ("data  RSUD__per_POLI", "Data RSUD per POLI"),
        ("harga_rata-rata_beras", "Harga Rata-rata Beras"),
        ("dan_lain_lain", "Dan Lain Lain"),
    ],
)
def test_titles_are_tidied_from_file_names(stem, title):
    assert importer.tidy_title(stem) == title


def test_problem_text_places_and_fills_the_message():
    problem = {
        "message": 'The value "%(value)s" is not a number.',
        "sheet": "Data",
        "row": 7,
        "column": "Jumlah",
        "value": "dua",
        "params": {},
    }
    with translation.override("en"):
        text = importer.problem_text(problem)
    assert text == 'sheet Data, row 7, column Jumlah: The value "dua" is not a number.'
