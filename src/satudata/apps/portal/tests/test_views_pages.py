"""The dataset page's badges, snippets, citation and related datasets; every page as data."""

import csv
import html
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from satudata.apps.catalog.models import Tag, Topic
from satudata.apps.portal.tests.helpers import (
    english_client,
    people,
    record_checks,
    second_version,
    signed_in,
)
from satudata.apps.search.actions import do_index_dataset
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_principles_badge_needs_every_manual_check(crew):
    ticked = make_dataset(crew["org"])
    record_checks(ticked)
    partly = make_dataset(crew["org"])
    record_checks(partly, met=False)
    client = english_client()
    assert "meets the SDI principles" in client.get(ticked.get_absolute_url()).content.decode()
    assert "meets the SDI principles" not in client.get(partly.get_absolute_url()).content.decode()
    assert json.loads(client.get(f"/dataset/{ticked.slug}.json").content)["meets_principles"]


def test_api_snippet_and_citation_use_this_portals_addresses(crew, settings):
    settings.SITE_URL = "https://data.tangerangkota.go.id"
    settings.SITE_NAME = "Satu Data Kota Tangerang"
    dataset = make_dataset(crew["org"], title="Jumlah Puskesmas")
    body = html.unescape(english_client().get(dataset.get_absolute_url()).content.decode())
    api = f"https://data.tangerangkota.go.id/api/v1/datasets/{dataset.slug}"
    assert f'curl -s "{api}/data"' in body
    assert f"{api}/versions/1/data" in body
    assert f"https://data.tangerangkota.go.id/dataset/{dataset.slug}/versi/1/unduh.csv" in body
    assert "Authorization" not in body
    year = timezone.now().year
    assert f"Dinas Kesehatan. ({year}). Jumlah Puskesmas (version 1) [Data set]." in body
    assert "Satu Data Kota Tangerang. https://data.tangerangkota.go.id/dataset/" in body
    assert f"@misc{{{dataset.slug}-{year}-v1," in body


def test_snippet_for_terbatas_data_sends_a_token(crew):
    dataset = make_dataset(crew["org"], access_level="terbatas")
    body = signed_in(crew["partner"]).get(dataset.get_absolute_url()).content.decode()
    assert "Authorization: Bearer $SATUDATA_TOKEN" in body


def test_related_datasets_go_through_the_gate_and_leave_out_the_dataset(crew):
    health = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    tag = Tag.objects.create(name="balita")
    dataset = make_dataset(crew["org"], title="Gizi Balita", topic=health)
    dataset.tags.add(tag)
    shares_tag = make_dataset(crew["other_org"], title="Imunisasi Balita")
    shares_tag.tags.add(tag)
    make_dataset(crew["other_org"], title="Jumlah Dokter", topic=health)
    make_dataset(crew["org"], title="Rumah Sakit")
    make_dataset(crew["org"], title="Rahasia Terbatas", topic=health, access_level="terbatas")
    make_dataset(crew["other_org"], title="Tidak Berkaitan")
    for tagged in (dataset, shares_tag):
        do_index_dataset(tagged)  # tags were added outside the catalog's actions
    response = english_client().get(dataset.get_absolute_url())
    related = [d.title for d in response.context["page"].related]
    assert related == ["Imunisasi Balita", "Jumlah Dokter", "Rumah Sakit"]
    staff = signed_in(crew["stranger"]).get(dataset.get_absolute_url())
    assert "Rahasia Terbatas" in [d.title for d in staff.context["page"].related]


def test_dataset_page_as_json_and_csv(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Puskesmas", satuan="unit")
    client = english_client()
    document = json.loads(client.get(f"/dataset/{dataset.slug}.json").content)
    assert document["title"] == "Jumlah Puskesmas"
    assert document["organisation"]["name"] == "Dinas Kesehatan"
    assert [v["number"] for v in document["versions"]] == [1]
    assert document["downloads"]["csv"].endswith(f"/dataset/{dataset.slug}/versi/1/unduh.csv")
    assert document["api"]["data"].endswith(f"/api/v1/datasets/{dataset.slug}/data")
    assert "Jumlah Puskesmas" in document["citation"]["text"]
    response = client.get(f"/dataset/{dataset.slug}.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{dataset.slug}.csv"'
    [row] = csv_rows(response)
    assert (row["title"], row["satuan"], row["published_version"]) == (
        "Jumlah Puskesmas",
        "unit",
        "1",
    )


def test_version_page_as_json_and_csv(crew):
    dataset = make_dataset(crew["org"])
    client = english_client()
    document = json.loads(client.get(f"/dataset/{dataset.slug}/versi/1.json").content)
    assert (document["number"], document["rows"], document["is_published"]) == (1, 2, True)
    assert [f["name"] for f in document["fields"]] == ["kode_wilayah", "jumlah"]
    [row] = csv_rows(client.get(f"/dataset/{dataset.slug}/versi/1.csv"))
    assert row["checksum"] == dataset.published_version.checksum
    assert client.get(f"/dataset/{dataset.slug}/versi/2.json").status_code == 404


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_hidden_datasets_have_no_data_files(crew, suffix):
    closed = make_dataset(crew["org"], access_level="tertutup", title="Rahasia")
    client = english_client()
    assert client.get(f"/dataset/{closed.slug}.{suffix}").status_code == 404
    assert client.get(f"/dataset/{closed.slug}/versi/1.{suffix}").status_code == 404
    assert "Rahasia" not in client.get(f"/organisasi/{crew['org'].slug}.{suffix}").content.decode()


def test_data_files_of_a_tertutup_dataset_are_audited(crew):
    closed = make_dataset(crew["org"], access_level="tertutup")
    client = signed_in(crew["produsen"])
    assert client.get(f"/dataset/{closed.slug}.json").status_code == 200
    entry = AuditEntry.objects.get(action="dataset.read")
    assert entry.detail == {"what": "page", "format": "json"}


def test_organisation_pages_as_data_and_how_up_to_date(crew):
    make_dataset(crew["org"], title="Tepat Waktu", frekuensi="tahunan")
    late = make_dataset(crew["org"], title="Terlambat", frekuensi="bulanan")
    late.data_updated_at = timezone.now() - timezone.timedelta(days=60)
    late.save()
    make_dataset(crew["org"], title="Tidak Tentu", frekuensi="tidak_tentu")
    make_dataset(crew["org"], title="Rahasia", access_level="tertutup", frekuensi="bulanan")
    client = english_client()
    response = client.get(crew["org"].get_absolute_url())
    timeliness = response.context["timeliness"]
    assert (timeliness.published, timeliness.scheduled, timeliness.late) == (3, 2, 1)
    assert timeliness.on_time_share == 50
    assert "50%" in response.content.decode()
    document = json.loads(client.get(f"/organisasi/{crew['org'].slug}.json").content)
    assert document["timeliness"]["on_time"] == 1
    assert sorted(d["title"] for d in document["datasets"]) == [
        "Tepat Waktu",
        "Terlambat",
        "Tidak Tentu",
    ]
    listing = csv_rows(client.get("/organisasi.csv"))
    counts = {row["name"]: row["dataset_count"] for row in listing}
    assert counts["Dinas Kesehatan"] == "3"
    assert json.loads(client.get("/organisasi.json").content)["organisations"]


def test_topic_list_and_topic_page_as_data(crew):
    health = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    make_dataset(crew["org"], title="Jumlah Puskesmas", topic=health)
    make_dataset(crew["org"], title="Rahasia", topic=health, access_level="terbatas")
    client = english_client()
    assert "Kesehatan" in client.get("/topik/").content.decode()
    [row] = csv_rows(client.get("/topik.csv"))
    assert (row["slug"], row["dataset_count"]) == ("kesehatan", "1")
    document = json.loads(client.get("/topik/kesehatan.json").content)
    assert [d["title"] for d in document["datasets"]] == ["Jumlah Puskesmas"]
    assert [r["title"] for r in csv_rows(client.get("/topik/kesehatan.csv"))] == [
        "Jumlah Puskesmas"
    ]


def test_home_shows_the_most_used_visible_datasets(crew):
    make_dataset(crew["org"], title="Sering Dipakai", use_count=40)
    make_dataset(crew["org"], title="Jarang Dipakai", use_count=3)
    make_dataset(crew["org"], title="Belum Dipakai")
    make_dataset(crew["org"], title="Rahasia Populer", use_count=90, access_level="terbatas")
    response = english_client().get("/")
    assert [d.title for d in response.context["most_used"]] == ["Sering Dipakai", "Jarang Dipakai"]
    assert "Most used datasets" in response.content.decode()


def page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dataset_page_queries_do_not_grow_with_versions_or_related(crew):
    tag = Tag.objects.create(name="sekolah")
    small = make_dataset(crew["org"])
    small.tags.add(tag)
    big = make_dataset(crew["org"])
    big.tags.add(tag)
    second_version(big, {}, publish=True)
    for _n in range(8):
        make_dataset(crew["org"]).tags.add(tag)
    client = english_client()
    assert page_queries(client, big.get_absolute_url()) == page_queries(
        client, small.get_absolute_url()
    )
    assert page_queries(client, big.get_absolute_url()) <= 13
