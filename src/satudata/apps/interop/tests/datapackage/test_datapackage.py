"""The Frictionless Data Package of a dataset: the descriptor, and the streamed zip that
`frictionless validate` accepts with no errors."""

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import pytest
from django.test import Client

from satudata.apps.interop.datapackage.archive import stream
from satudata.apps.interop.tests.dcat.world import MARK, build

pytestmark = pytest.mark.django_db

SITE = "https://data.tangerangkota.example"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


def unzip(response, folder: Path) -> Path:
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        archive.extractall(folder)
    return folder / "datapackage.json"


def test_descriptor_describes_the_published_version():
    world = build()
    dataset = world.full
    version = dataset.published_version
    client = Client(headers={"accept-language": "en"})
    response = client.get(f"/dataset/{dataset.slug}/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    package = json.loads(response.content)
    assert package["name"] == dataset.slug
    assert package["title"] == dataset.title
    assert package["description"] == dataset.description
    assert package["version"] == str(version.number)
    assert sorted(package["keywords"]) == ["balita", "stunting"]
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 (CC BY 4.0)",
        }
    ]
    roles = {c["role"]: c for c in package["contributors"]}
    assert roles["publisher"]["title"] == "Dinas Kesehatan"
    assert roles["maintainer"]["email"] == "data.dinkes@k.go.id"
    assert package["sources"][0]["path"] == f"{SITE}/dataset/{dataset.slug}/"
    assert "created" in package
    assert "modified" in package
    sdi = package["sdi"]
    assert sdi["cakupan_wilayah"] == {"kode": "36.71", "nama": "Kota Tangerang"}
    assert sdi["frekuensi_penerbitan"] == "tahunan"
    assert sdi["prioritas_tahun"] == [2024]
    assert sdi["parquet_sha256"] == version.checksum
    assert sdi["standar_data"] == {
        "title": "Standar Data Balita Stunting",
        "version": 1,
        "path": f"{SITE}/standar/balita-stunting/v1/",
    }
    [resource] = package["resources"]
    assert resource["path"] == f"{SITE}/dataset/{dataset.slug}/versi/{version.number}/unduh.csv"
    assert resource["mediatype"] == "text/csv"
    assert resource["encoding"] == "utf-8"
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert types == {
        "kode_wilayah": "string",
        "jumlah": "integer",
        "rasio": "number",
        "tanggal": "date",
        "aktif": "boolean",
        "catatan": "string",
    }
    titles = {f["name"]: f["title"] for f in resource["schema"]["fields"]}
    assert titles["jumlah"] == "Jumlah Balita"


def test_descriptor_is_a_valid_package_descriptor():
    world = build()
    package = json.loads(Client().get(f"/dataset/{world.full.slug}/datapackage.json").content)
    report = frictionless.Package.validate_descriptor(package)
    assert report.valid, report.flatten(["type", "note"])


def test_zip_holds_data_that_frictionless_validates_without_errors(tmp_path):
    world = build()
    dataset = world.full
    response = Client().get(f"/dataset/{dataset.slug}/datapackage.zip")
    assert response.status_code == 200
    assert "datapackage.zip" in response["Content-Disposition"]
    descriptor = unzip(response, tmp_path)
    package = json.loads(descriptor.read_text())
    [resource] = package["resources"]
    assert resource["path"] == f"data/{dataset.slug}.csv"
    csv = (tmp_path / resource["path"]).read_bytes()
    assert resource["bytes"] == len(csv)
    assert resource["hash"].startswith("sha256:")
    lines = csv.decode().splitlines()
    assert lines[0] == "kode_wilayah,jumlah,rasio,tanggal,aktif,catatan"
    assert lines[2].split(",")[1:5] == ["", "0.25", "", "false"]
    report = frictionless.validate(descriptor)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 4


def test_zip_validation_can_fail_when_the_data_does_not_match(tmp_path):
    world = build()
    descriptor = unzip(Client().get(f"/dataset/{world.full.slug}/datapackage.zip"), tmp_path)
    package = json.loads(descriptor.read_text())
    package["resources"][0]["schema"]["fields"][1]["type"] = "date"
    descriptor.write_text(json.dumps(package))
    report = frictionless.validate(descriptor)
    assert not report.valid
    assert ["type-error"] in report.flatten(["type"])


def test_frictionless_command_line_validates_the_zip(tmp_path):
    world = build()
    descriptor = unzip(Client().get(f"/dataset/{world.full.slug}/datapackage.zip"), tmp_path)
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(command), "validate", descriptor.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "invalid" not in result.stdout.lower()


def test_hidden_packages_answer_404_to_anonymous():
    world = build()
    client = Client()
    for hidden in (world.restricted, world.closed, world.draft):
        for suffix in ("datapackage.json", "datapackage.zip"):
            response = client.get(f"/dataset/{hidden.slug}/{suffix}")
            assert response.status_code == 404
            for marker in MARK.values():
                assert marker not in response.content.decode()


def test_government_users_get_terbatas_packages_but_not_another_opds_tertutup():
    world = build()
    client = Client()
    client.force_login(world.gov_user, backend=MODEL_BACKEND)
    response = client.get(f"/dataset/{world.restricted.slug}/datapackage.json")
    assert response.status_code == 200
    assert json.loads(response.content)["licenses"][0]["name"] == "other-closed"
    assert client.get(f"/dataset/{world.closed.slug}/datapackage.zip").status_code == 404


def test_descriptor_answers_304_to_a_client_with_the_current_copy():
    world = build()
    client = Client()
    first = client.get(f"/dataset/{world.full.slug}/datapackage.json")
    again = client.get(
        f"/dataset/{world.full.slug}/datapackage.json", headers={"if-none-match": first["ETag"]}
    )
    assert again.status_code == 304


def test_archive_streams_in_chunks_without_holding_the_data(monkeypatch):
    """Each chunk of the data leaves soon after it is read: no piece of the output is
    anywhere near the size of the data."""
    monkeypatch.setattr("satudata.apps.interop.datapackage.archive.CHUNK_BYTES", 10_000)
    payload = os.urandom(400_000)
    chunks = list(stream(io.BytesIO(payload), "data/x.csv", len(payload), lambda stats: {}))
    assert len(chunks) > 10
    assert max(len(c) for c in chunks) < 100_000
    with zipfile.ZipFile(io.BytesIO(b"".join(chunks))) as archive:
        assert archive.read("data/x.csv") == payload


def test_archive_adds_entries_made_from_the_data_stats():
    payload = b"a,b\r\n1,2\r\n"

    def then(stats):
        return {"stats.json": json.dumps([stats.bytes, stats.sha256]).encode()}

    data = b"".join(stream(io.BytesIO(payload), "data/x.csv", len(payload), then))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size, digest = json.loads(archive.read("stats.json"))
    assert size == len(payload)
    assert digest == hashlib.sha256(payload).hexdigest()
