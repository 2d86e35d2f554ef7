"""`satudata wilayah_update`: a newer decree's list, made here as small crafted files from the
loaded Kota Tangerang rows (synthetic changes)."""

import csv
import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from satudata.apps.registry import queries
from satudata.apps.registry.models import Wilayah, WilayahChange
from satudata.platform.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
DECREE = "Kepmendagri No 1 Tahun 2030 (contoh sintetis)"


def current_list() -> dict[str, str]:
    return dict(Wilayah.objects.filter(valid_until__isnull=True).values_list("kode", "nama"))


def run(*args: str) -> str:
    out = StringIO()
    call_command("wilayah_update", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def decree(tmp_path: Path) -> Path:
    names = current_list()
    names["36.71.12"] = "KARANG TENGAH BARU"
    names.pop("36.71.13.1001")
    names["36.71.14"] = "Larangan Utara"
    names["36.71.14.1001"] = "Larangan Utara"
    path = tmp_path / "kepmendagri.json.gz"
    path.write_bytes(gzip.compress(json.dumps(names).encode()))
    return path


def test_dry_run_changes_nothing(decree: Path) -> None:
    text = run(str(decree), "--decree", DECREE, "--dry-run")
    assert "Added: 2, renamed: 1, retired: 1" in text
    assert "36.71.14 Larangan Utara" in text
    assert not Wilayah.objects.filter(kode="36.71.14").exists()
    assert not WilayahChange.objects.exists()


def test_apply_keeps_old_codes_as_history(decree: Path, tmp_path: Path) -> None:
    changes = tmp_path / "changes.csv"
    changes.write_text("old_kode,new_kode,kind\n36.71.13.1001,36.71.14.1001,moved\n")
    run(str(decree), "--decree", DECREE, "--date", "2030-01-31", "--changes", str(changes))
    old = Wilayah.objects.get(kode="36.71.13.1001")
    assert str(old.valid_until) == "2030-01-31"
    assert old.replaced_by_id == "36.71.14.1001"
    assert Wilayah.objects.get(kode="36.71.12").nama == "Karang Tengah Baru"
    assert Wilayah.objects.get(kode="36.71.14.1001").parent_id == "36.71.14"
    kinds = {(c.kind, c.old_kode, c.new_kode) for c in WilayahChange.objects.all()}
    assert kinds == {
        ("renamed", "36.71.12", "36.71.12"),
        ("moved", "36.71.13.1001", "36.71.14.1001"),
        ("added", "", "36.71.14"),
    }
    assert "36.71.13.1001" not in queries.codes_at_level("desa", within="36.71")
    assert queries.suggest("Larangan Utara", level="kecamatan")[0].kode == "36.71.14"
    entry = AuditEntry.objects.get(action="wilayah.update")
    assert entry.detail["added"] == 2
    assert "already matches" in run(str(decree), "--decree", DECREE)


def test_csv_list_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "list.csv"
    with good.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kode", "nama"])
        writer.writerows(current_list().items())
    assert "Added: 0, renamed: 0, retired: 0" in run(str(good), "--decree", DECREE, "--dry-run")
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,nama\n36.7x,Salah\n")
    with pytest.raises(CommandError, match="not a kode wilayah"):
        run(str(bad), "--decree", DECREE)
    orphan = tmp_path / "orphan.csv"
    orphan.write_text("kode,nama\n99.01,Tanpa Provinsi\n")
    with pytest.raises(CommandError, match="no parent"):
        run(str(orphan), "--decree", DECREE)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(str(good), "--decree", DECREE, "--date", "31/01/2030")
    changes = tmp_path / "changes.csv"
    changes.write_text("old_kode,new_kode,kind\n36.71.01,36.71.02,exploded\n")
    with pytest.raises(CommandError, match="exploded"):
        run(str(good), "--decree", DECREE, "--changes", str(changes))
