import fcntl
import os
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django import Settings

from satudata.apps.catalog.models import Version
from satudata.apps.portal import copies, explorer
from satudata.engines.tabular.query import QuerySpec
from satudata.platform import storage
from satudata.platform.testing.factories import make_dataset, make_org, make_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DAY = 24 * 3600
NOW = time.time()


@pytest.fixture
def root(settings: Settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    settings.QUERY_COPIES = True
    settings.QUERY_COPIES_KEEP_DAYS = 7
    settings.QUERY_COPIES_MAX_MB = 0
    folder = copies.folder()
    folder.mkdir(parents=True)
    return folder


def copy_of(version: Version) -> Path:
    return copies.folder() / copies.copy_name(storage.absolute(version.parquet_path))


def write(path: Path, *, days_ago: float, size: int = 10) -> Path:
    path.write_bytes(b"x" * size)
    moment = NOW - days_ago * DAY
    os.utime(path, (moment, moment))
    return path


@pytest.fixture
def versions():
    """A published version, and an older one of the same dataset no longer published."""
    dataset = make_dataset(make_org())
    published = dataset.published_version
    old = make_version(dataset)
    return published, old


def test_copies_of_unpublished_versions_go_after_the_keep_period(root, versions):
    published, old = versions
    never_published = make_version(make_dataset(make_org(), published=False))
    kept_published = write(copy_of(published), days_ago=30)
    gone = write(copy_of(old), days_ago=8)
    recent = write(copy_of(never_published), days_ago=2)
    unknown = write(root / ("0" * 32 + ".duckdb"), days_ago=9)
    cleaned = copies.clean(now=NOW)
    assert (cleaned.removed, cleaned.kept) == (2, 2)
    assert kept_published.exists() and recent.exists()
    assert not gone.exists() and not unknown.exists()


def test_a_copy_used_recently_stays_though_made_long_ago(root, versions):
    _published, old = versions
    path = write(copy_of(old), days_ago=30)
    os.utime(path, (NOW - DAY, NOW - 30 * DAY))
    assert copies.clean(now=NOW).removed == 0
    assert path.exists()


def test_the_size_limit_removes_the_least_recently_used_unpublished_first(
    root, versions, settings: Settings
):
    published, old = versions
    other = make_dataset(make_org()).published_version
    settings.QUERY_COPIES_MAX_MB = 2
    mb = copies.MB
    old_copy = write(copy_of(old), days_ago=0.5, size=mb)
    published_copy = write(copy_of(published), days_ago=3, size=mb)
    other_copy = write(copy_of(other), days_ago=1, size=mb)
    cleaned = copies.clean(now=NOW)
    assert (cleaned.removed, cleaned.freed) == (1, mb)
    assert not old_copy.exists()
    assert published_copy.exists() and other_copy.exists()
    settings.QUERY_COPIES_MAX_MB = 1
    copies.clean(now=NOW)
    assert not published_copy.exists()
    assert other_copy.exists()


def test_a_copy_being_written_and_its_lock_are_left_alone(root, versions):
    _published, old = versions
    path = write(copy_of(old), days_ago=30)
    stem = path.name.removesuffix(".duckdb")
    lock = write(root / f"{stem}.lock", days_ago=30)
    partial = write(root / f".{stem}.abc123.tmp", days_ago=30)
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        cleaned = copies.clean(now=NOW)
    assert (cleaned.removed, cleaned.leftovers) == (0, 0)
    assert path.exists() and lock.exists() and partial.exists()
    cleaned = copies.clean(now=NOW)
    assert (cleaned.removed, cleaned.leftovers) == (1, 1)
    assert not path.exists() and not lock.exists() and not partial.exists()


def test_unfinished_files_and_orphan_locks_go_after_the_keep_period(root):
    stem = "a" * 32
    old_tmp = write(root / f".{stem}.x1.tmp", days_ago=8)
    old_wal = write(root / f".{stem}.x1.tmp.wal", days_ago=8)
    orphan_lock = write(root / f"{'b' * 32}.lock", days_ago=8)
    new_tmp = write(root / f".{'c' * 32}.x2.tmp", days_ago=0.01)
    assert copies.clean(now=NOW).leftovers == 3
    assert not old_tmp.exists() and not old_wal.exists() and not orphan_lock.exists()
    assert new_tmp.exists()


def test_no_folder_means_nothing_to_do(settings: Settings, tmp_path: Path):
    settings.DATA_DIR = tmp_path / "empty"
    assert copies.clean() == copies.Cleaned()


def test_the_engine_names_and_places_copies_as_the_clean_up_expects(root, versions):
    """A real copy made by the explorer's engine is found, removed while the engine has it
    open, and the engine still answers from it."""
    _published, old = versions
    engine = explorer.engine.__wrapped__()
    assert engine.cache_dir == root
    path = storage.absolute(old.parquet_path)
    fields = explorer.fields_of(old)
    engine.source(path, fields)
    copy = copy_of(old)
    deadline = time.monotonic() + 30
    while not copy.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert copy.exists()
    assert engine.source(path, fields).endswith(".data")
    later = time.time() + 8 * DAY
    cleaned = copies.clean(now=later)
    assert cleaned.removed == 1
    assert not copy.exists()
    spec = QuerySpec()
    assert engine.run(path, fields, spec, None).total == old.rows


def test_the_command_reports_and_can_only_look(root, versions, capsys):
    _published, old = versions
    path = write(copy_of(old), days_ago=30, size=copies.MB)
    call_command("clean_query_copies", "--dry-run")
    assert path.exists()
    assert "would be removed: 1 (1.0 MB)" in capsys.readouterr().out
    call_command("clean_query_copies")
    assert not path.exists()
    assert "Query copies removed: 1 (1.0 MB)" in capsys.readouterr().out


def test_the_job_worker_runs_the_clean_up_every_hour():
    """Registered when the app starts (this module does not import the task)."""
    from huey.contrib.djhuey import HUEY

    def due(minute: int) -> set[str]:
        return {task.name for task in HUEY.read_periodic(datetime(2025, 1, 1, 5, minute))}

    assert "clean_query_copies" in due(23)
    assert "clean_query_copies" not in due(24)
