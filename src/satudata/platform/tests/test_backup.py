import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from satudata.apps.accounts.models import ApiToken, User
from satudata.apps.accounts.tokens import create_token
from satudata.apps.catalog.actions.uploads import check_accept_upload, check_start_upload
from satudata.apps.catalog.models import Dataset, Version
from satudata.platform import audit, backup, storage
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


CSV = "kode_wilayah,kecamatan,jumlah_sekolah\n36.71.01,Tangerang,41\n36.71.02,Jatiuwung,28\n"


@pytest.fixture
def catalog(tmp_path):
    org = make_org("opd", name="Dinas Pendidikan")
    produsen = make_user(org, "produsen", username="disdik")
    published = make_dataset(org, title="Jumlah Sekolah per Kecamatan")
    make_dataset(org, access_level="tertutup", title="Data Tertutup")
    uploaded = make_dataset(org, published=False, title="Jumlah Sekolah Unggah")
    source = tmp_path / "sekolah.csv"
    source.write_text(CSV, encoding="utf-8")
    upload = check_start_upload(
        user=produsen, dataset=uploaded, file=source, original_name="sekolah.csv"
    )
    version = check_accept_upload(user=produsen, upload=upload)
    create_token(produsen, "SIMPUS")
    return {"published": published, "uploaded": uploaded, "version": version}


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def _rewrite(archive: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _state() -> tuple[int, int, list[Path]]:
    return (
        Dataset.objects.count(),
        AuditEntry.objects.count(),
        backup.stored_files(storage.files_root()),
    )


def test_the_manifest_counts_every_row_and_checksums_every_file(catalog, tmp_path):
    path, manifest = backup.create_backup(tmp_path / "b.tar.gz")
    members = _members(path)
    assert json.loads(members["manifest.json"]) == manifest
    assert manifest["counts"]["catalog.dataset"] == 3
    assert manifest["counts"]["catalog.version"] == Version.objects.count()
    assert manifest["counts"]["accounts.apitoken"] == 1
    assert manifest["audit"] == {"entries": AuditEntry.objects.count(), "intact": True}
    files = backup.stored_files(storage.files_root())
    assert len(files) >= 4
    for file in files:
        name = f"files/{storage.relative(file)}"
        assert manifest["checksums"][name] == storage.sha256_file(file)
        assert members[name] == file.read_bytes()
    rows = json.loads(members["database.json"])
    entry = next(r for r in rows if r["model"] == "platform.auditentry")
    assert entry["fields"]["at"] == AuditEntry.objects.get(pk=entry["pk"]).at.isoformat()
    assert AuditEntry.objects.filter(action="system.backup").count() == 1


def test_backup_then_restore_into_a_fresh_data_folder_gives_the_same_catalog(catalog, tmp_path):
    path, manifest = backup.create_backup(tmp_path / "b.tar.gz")
    fresh = tmp_path / "fresh"
    env = {**os.environ, "SATUDATA_DATA_DIR": str(fresh)}
    env.pop("SATUDATA_DATABASE_URL", None)

    def satudata(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "satudata", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    restored = satudata("restore", str(path))
    assert restored.returncode == 0, restored.stderr
    assert re.search(r"^catalog\.dataset +3$", restored.stdout, re.MULTILINE), restored.stdout
    versions_line = rf"^catalog\.version +{Version.objects.count()}$"
    assert re.search(versions_line, restored.stdout, re.MULTILINE)
    verified = satudata("audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert f"{manifest['audit']['entries'] + 1} " in verified.stdout

    db = sqlite3.connect(fresh / "satudata.sqlite3")
    datasets = db.execute(
        "SELECT id, slug, title, state, access_level, published_version_id, candidate_version_id"
        " FROM catalog_dataset ORDER BY id"
    ).fetchall()
    assert datasets == [
        (
            d.pk,
            d.slug,
            d.title,
            d.state,
            d.access_level,
            d.published_version_id,
            d.candidate_version_id,
        )
        for d in Dataset.objects.order_by("id")
    ]
    versions = db.execute(
        "SELECT id, dataset_id, number, checksum, parquet_path, rows FROM catalog_version"
        " ORDER BY id"
    ).fetchall()
    assert versions == [
        (v.pk, v.dataset_id, v.number, v.checksum, v.parquet_path, v.rows)
        for v in Version.objects.order_by("id")
    ]
    users = db.execute("SELECT id, username, password FROM accounts_user ORDER BY id").fetchall()
    assert users == list(User.objects.order_by("id").values_list("id", "username", "password"))
    tokens = db.execute("SELECT digest FROM accounts_apitoken").fetchall()
    assert tokens == [(t,) for t in ApiToken.objects.values_list("digest", flat=True)]
    for version in Version.objects.all():
        original = storage.absolute(version.parquet_path).read_bytes()
        assert (fresh / "files" / version.parquet_path).read_bytes() == original


def test_a_tampered_archive_is_refused_and_nothing_changes(catalog, tmp_path):
    path, _manifest = backup.create_backup(tmp_path / "b.tar.gz")
    members = _members(path)
    name = f"files/{catalog['version'].parquet_path}"
    members[name] = members[name][:-1] + b"\0"
    _rewrite(path, members)
    before = _state()
    before_names = [p.name for p in tmp_path.iterdir() if p.name not in ("b.tar.gz", "files")]
    with pytest.raises(backup.BackupError, match="does not match its checksum"):
        backup.restore_backup(path, force=True)
    assert _state() == before
    leftovers = [p.name for p in storage.files_root().parent.iterdir()]
    assert sorted(leftovers) == sorted(["b.tar.gz", "files", *before_names])


def test_an_archive_with_a_changed_audit_log_is_refused(catalog, tmp_path):
    path, manifest = backup.create_backup(tmp_path / "b.tar.gz")
    members = _members(path)
    rows = json.loads(members["database.json"])
    entry = next(r for r in rows if r["model"] == "platform.auditentry")
    entry["fields"]["object_label"] = "diubah"
    members["database.json"] = json.dumps(rows).encode()
    manifest["checksums"]["database.json"] = backup.hashlib.sha256(
        members["database.json"]
    ).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    before = _state()
    with pytest.raises(backup.BackupError, match="audit chain"):
        backup.restore_backup(path, force=True)
    assert _state() == before


def test_restore_refuses_a_database_that_holds_work(catalog, tmp_path):
    path, _manifest = backup.create_backup(tmp_path / "b.tar.gz")
    with pytest.raises(backup.BackupError, match="--force"):
        backup.restore_backup(path)


def test_restore_refuses_an_archive_from_a_newer_satudata(catalog, tmp_path):
    path, manifest = backup.create_backup(tmp_path / "b.tar.gz")
    members = _members(path)
    manifest["migrations"].append("catalog.9999_from_the_future")
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    with pytest.raises(backup.BackupError, match="newer satudata"):
        backup.restore_backup(path, force=True)


def test_forced_restore_replaces_the_catalog_and_keeps_the_old_files_aside(catalog, tmp_path):
    path, manifest = backup.create_backup(tmp_path / "b.tar.gz")
    later = make_dataset(catalog["published"].organisation, title="Dibuat setelah cadangan")
    later_file = storage.absolute(later.published_version.parquet_path)
    result = backup.restore_backup(path, force=True)
    assert not Dataset.objects.filter(pk=later.pk).exists()
    assert result.counts == manifest["counts"]
    assert result.replaced_files is not None
    assert (result.replaced_files / later_file.relative_to(storage.files_root())).is_file()
    assert not later_file.exists()
    count, breaks = audit.verify_chain()
    assert breaks == []
    assert count == manifest["audit"]["entries"] + 1
    assert AuditEntry.objects.order_by("-seq").first().action == "system.restore"
    assert Path(settings.MEDIA_ROOT).is_dir()


def test_a_layer_version_without_its_shapes_is_refused(catalog, tmp_path):
    from satudata.engines.geo.tests.conftest import KECAMATAN
    from satudata.platform.testing.factories import make_layer_version

    layer = make_layer_version(catalog["uploaded"], KECAMATAN)
    path, manifest = backup.create_backup(tmp_path / "b.tar.gz")
    members = _members(path)
    shapes = f"files/{layer.geo['path']}"
    del members[shapes]
    del manifest["checksums"][shapes]
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    before = _state()
    with pytest.raises(backup.BackupError, match=re.escape(layer.geo["path"])):
        backup.restore_backup(path, force=True)
    assert _state() == before
