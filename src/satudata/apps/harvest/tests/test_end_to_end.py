"""Harvests a second satudata instance, started here as a subprocess with its own data folder
and SQLite database, through its CKAN Action API and its DCAT catalogue."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_django import Settings

from satudata.apps.catalog.models import Dataset
from satudata.apps.harvest import actions
from satudata.apps.harvest.jobs import harvest
from satudata.apps.harvest.models import HarvestRun, HarvestSource
from satudata.platform.testing.factories import make_org, make_user

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SEED = """
from satudata.platform.testing.factories import make_dataset, make_org
from satudata.apps.search.actions import do_index_dataset
org = make_org(name="Dinas Kesehatan Remote")
for title in ("Jumlah Puskesmas Remote", "Jumlah Posyandu Remote"):
    do_index_dataset(make_dataset(org, title=title))
do_index_dataset(make_dataset(org, title="Data Terbatas Remote", access_level="terbatas"))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def second_instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SATUDATA_")}
    env.update(
        SATUDATA_DATA_DIR=str(tmp_path_factory.mktemp("second-instance")),
        SATUDATA_SECRET_KEY="second-instance-secret-key-for-the-harvest-test-0123456789",
        SATUDATA_SITE_URL=base,
        SATUDATA_DEMO="false",
        SATUDATA_API_RATE_ANON="",
    )
    command = [sys.executable, "-m", "satudata"]
    subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True, timeout=300)
    subprocess.run([*command, "shell", "-c", SEED], env=env, check=True, timeout=120)
    log = Path(env["SATUDATA_DATA_DIR"]) / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--workers", "1", "--no-job-worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/api/3/action/package_search", timeout=5).status_code:
                    break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the second instance did not start:\n" + log.read_text()[-3000:])
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _run(source: HarvestSource) -> HarvestRun:
    run = actions.do_create_run(source=source, trigger=HarvestRun.Trigger.MANUAL)
    harvest(run, full=False)
    source.refresh_from_db()
    return run


@pytest.mark.parametrize(("kind", "path"), [("ckan", ""), ("dcat", "/catalog.ttl")])
def test_harvests_another_satudata_without_duplicates(
    second_instance: str, kind: str, path: str, settings: Settings
):
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]  # the second instance runs on this machine
    walidata = make_user(make_org("walidata"), "walidata")
    source = actions.check_create_source(
        user=walidata,
        data={
            "name": f"Satudata kedua ({kind})",
            "kind": kind,
            "url": second_instance + path,
            "organisation": make_org(name="Diskominfo"),
        },
    )
    run = _run(source)
    assert run.status == HarvestRun.Status.SUCCEEDED, (run.message, list(run.errors.values()))
    titles = set(Dataset.objects.values_list("title", flat=True))
    assert {"Jumlah Puskesmas Remote", "Jumlah Posyandu Remote"} <= titles
    assert "Data Terbatas Remote" not in titles
    assert run.created == 2
    again = _run(source)
    assert again.status == HarvestRun.Status.SUCCEEDED, again.message
    assert again.created == 0
    assert Dataset.objects.count() == 2
    assert source.records.count() == 2
