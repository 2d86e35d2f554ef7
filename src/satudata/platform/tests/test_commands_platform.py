import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from satudata.platform import audit, jobs
from satudata.platform.management.commands import worker
from satudata.platform.management.output import table


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_audit_verify_reports_an_intact_chain():
    for n in range(3):
        audit.record("test.write", label=f"objek {n}")
    out, _err = run("audit", "verify")
    assert out.strip() == "3 entries, chain intact"


@pytest.mark.django_db
def test_audit_verify_lists_the_breaks_and_exits_with_status_1():
    for n in range(3):
        audit.record("test.write", label=f"objek {n}")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE platform_auditentry SET object_label = %s WHERE seq = %s",
            ["palsu", 2],
        )
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    assert caught.value.returncode == 1
    assert "entry 2:" in err.getvalue()
    assert "content changed" in err.getvalue()
    assert "3 entries, chain broken in 1 place" in str(caught.value)


@pytest.mark.django_db
def test_backup_command_writes_the_archive_where_asked(tmp_path):
    audit.record("test.write", label="objek")
    out, _err = run("backup", str(tmp_path / "arsip.tar.gz"))
    assert (tmp_path / "arsip.tar.gz").is_file()
    assert str(tmp_path / "arsip.tar.gz") in out


def test_restore_command_names_a_missing_archive(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("restore", str(tmp_path / "tidak-ada.tar.gz"))


def test_the_reaper_runs_at_start_and_again_until_stopped(monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "reap_stale_jobs", lambda: calls.append(time.monotonic()) or 0)
    stop = threading.Event()
    thread = threading.Thread(target=worker.reap_until, args=(stop, 0.01))
    thread.start()
    deadline = time.monotonic() + 5
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    thread.join(timeout=5)
    assert len(calls) >= 3
    assert not thread.is_alive()


def test_the_reaper_survives_a_failing_check(monkeypatch):
    calls = []

    def failing() -> int:
        calls.append(1)
        raise RuntimeError("database away")

    monkeypatch.setattr(jobs, "reap_stale_jobs", failing)
    stop = threading.Event()
    thread = threading.Thread(target=worker.reap_until, args=(stop, 0.01))
    thread.start()
    deadline = time.monotonic() + 5
    while len(calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    thread.join(timeout=5)
    assert len(calls) >= 2


def test_table_pads_columns_under_a_rule():
    text = table(["id", "nama"], [(1, "Dinas Kesehatan"), (12, None)])
    assert text.splitlines() == ["id  nama", "--  ---------------", "1   Dinas Kesehatan", "12"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture
def serve_env(tmp_path):
    env = {
        **os.environ,
        "SATUDATA_DATA_DIR": str(tmp_path / "data"),
        "SATUDATA_PORT": str(_free_port()),
        "SATUDATA_WEB_WORKERS": "1",
        "SATUDATA_WEB_THREADS": "2",
        "SATUDATA_DEMO": "false",
        "SATUDATA_JOBS_IMMEDIATE": "false",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SATUDATA_DATABASE_URL", None)
    return env


def _start(env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "satudata", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if not _wait_for(lambda: _serving(int(env["SATUDATA_PORT"])), 120):
        process.kill()
        pytest.fail(process.communicate()[0])
    return process


@pytest.mark.slow
def test_serve_runs_web_and_worker_and_stops_both(serve_env):
    process = _start(serve_env)
    children = _children(process.pid)
    assert len(children) == 2
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=60)[0]
    assert process.returncode == 0, output
    assert f"127.0.0.1:{serve_env['SATUDATA_PORT']}" in output
    assert _wait_for(lambda: not any(_alive(pid) for pid in children), 10)


@pytest.mark.slow
def test_serve_killed_outright_leaves_no_orphans(serve_env):
    process = _start(serve_env)
    children = _children(process.pid)
    grandchildren = set().union(*(_children(pid) for pid in children))
    assert children
    process.kill()
    process.communicate(timeout=10)
    everyone = children | grandchildren
    assert _wait_for(lambda: not any(_alive(pid) for pid in everyone), 20)


@pytest.mark.slow
def test_serve_without_the_embedded_worker_starts_only_the_web_server(serve_env):
    process = _start({**serve_env, "SATUDATA_EMBEDDED_WORKER": "false"})
    children = _children(process.pid)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert len(children) == 1
    assert process.returncode == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("demo", "has_data", "loads"), [(True, False, True), (True, True, False), (False, False, False)]
)
def test_serve_loads_the_demo_only_on_the_first_start_in_demo_mode(
    monkeypatch, settings, demo, has_data, loads
):
    from satudata.platform.management.commands import serve
    from satudata.platform.testing.factories import make_dataset, make_org

    settings.DEMO = demo
    if has_data:
        make_dataset(make_org())
    called = []
    monkeypatch.setattr(serve, "call_command", lambda name, *a, **k: called.append(name))
    serve.Command().prepare()
    assert called[:2] == ["migrate", "collectstatic"]
    assert ("load_demo" in called) is loads


QUEUE_WORK = """
from datetime import timedelta
from pathlib import Path
from django.utils import timezone
from satudata.apps.catalog.actions.uploads import check_start_upload
from satudata.platform.models import Job
from satudata.platform.testing.factories import make_dataset, make_org, make_user
org = make_org("opd")
user = make_user(org, "produsen")
dataset = make_dataset(org, published=False)
source = Path("{folder}") / "sekolah.csv"
source.write_text("kode_wilayah,jumlah\\n36.71.01,41\\n36.71.02,28\\n")
upload = check_start_upload(user=user, dataset=dataset, file=source, original_name="sekolah.csv")
old = timezone.now() - timedelta(hours=1)
stale = Job.objects.create(kind="ingest_upload", status="running", heartbeat_at=old)
print(upload.pk, upload.job_id, stale.pk)
"""


@pytest.mark.slow
def test_the_worker_runs_queued_jobs_reaps_dead_ones_and_stops_on_sigint(tmp_path, serve_env):
    env = {**serve_env, "SATUDATA_BACKGROUND_INGEST_MB": "0"}

    def satudata(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "satudata", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    satudata("migrate", "--noinput")
    printed = satudata("shell", "-c", QUEUE_WORK.format(folder=tmp_path))
    upload_id, job_id, stale_id = printed.strip().splitlines()[-1].split()
    assert job_id != "None"
    database = sqlite3.connect(Path(env["SATUDATA_DATA_DIR"]) / "satudata.sqlite3")

    queries = {
        "catalog_upload": "SELECT status FROM catalog_upload WHERE id = ?",
        "platform_job": "SELECT status FROM platform_job WHERE id = ?",
    }

    def status(table: str, pk: str) -> str:
        return database.execute(queries[table], [pk]).fetchone()[0]

    assert status("catalog_upload", upload_id) == "processing"
    worker_process = subprocess.Popen(
        [sys.executable, "-m", "satudata", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _wait_for(lambda: status("catalog_upload", upload_id) == "ready", 90)
        assert status("platform_job", job_id.replace("-", "")) == "succeeded"
        assert status("platform_job", stale_id.replace("-", "")) == "failed"
    finally:
        worker_process.send_signal(signal.SIGINT)
        output = worker_process.communicate(timeout=60)[0]
    assert worker_process.returncode == 0, output
