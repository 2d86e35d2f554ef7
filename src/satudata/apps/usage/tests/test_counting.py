import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

from satudata.apps.catalog.models import Dataset
from satudata.apps.portal.tests.helpers import document, english_client, people, signed_in
from satudata.apps.usage import actions
from satudata.apps.usage.middleware import kind_of
from satudata.apps.usage.models import DailyUsage, Kind
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def figures(dataset: Dataset) -> tuple[int, int, int]:
    row = DailyUsage.objects.get(dataset=dataset, day=timezone.localdate())
    return row.views, row.downloads, row.api_calls


def test_views_downloads_and_api_calls_are_counted_per_dataset(crew):
    dataset = make_dataset(crew["org"])
    other = make_dataset(crew["org"])
    attachment = document(dataset)
    client = english_client()
    url = dataset.get_absolute_url()
    for path in (url, url, f"{url}versi/1/", f"{url}versi/1/unduh.csv"):
        assert client.get(path).status_code == 200
    assert client.get(f"{url}lampiran/{attachment.pk}/").status_code == 200
    assert client.get(f"/api/v1/datasets/{dataset.slug}").status_code == 200
    assert client.get(f"/dataset/{dataset.slug}.json").status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 200
    assert actions.BUFFER.pending() == 8
    assert actions.flush() == 8
    assert figures(dataset) == (3, 2, 2)
    assert figures(other) == (1, 0, 0)
    dataset.refresh_from_db()
    assert dataset.use_count == 7


def test_flushes_add_to_the_stored_counts(crew):
    dataset = make_dataset(crew["org"])
    client = english_client()
    client.get(dataset.get_absolute_url())
    actions.flush()
    client.get(dataset.get_absolute_url())
    client.get(dataset.get_absolute_url())
    actions.flush()
    assert figures(dataset) == (3, 0, 0)
    assert Dataset.objects.get(pk=dataset.pk).use_count == 3
    assert DailyUsage.objects.count() == 1


def test_hidden_failed_and_other_requests_are_not_counted(crew):
    closed = make_dataset(crew["org"], access_level="tertutup")
    public = make_dataset(crew["org"])
    client = english_client()
    assert client.get(closed.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/datasets/{closed.slug}").status_code == 404
    assert client.get(f"{public.get_absolute_url()}versi/9/").status_code == 404
    assert client.get("/").status_code == 200
    assert client.get("/dataset/").status_code == 200
    assert (
        client.get(public.get_absolute_url(), headers={"user-agent": "Googlebot/2.1"}).status_code
        == 200
    )
    crawler = Client(headers={"user-agent": "Mozilla/5.0 (compatible; bingbot/2.0)"})
    assert crawler.get(public.get_absolute_url()).status_code == 200
    assert actions.BUFFER.pending() == 0
    assert actions.flush() == 0
    assert not DailyUsage.objects.exists()


def test_the_owner_reading_a_tertutup_dataset_is_counted(crew):
    closed = make_dataset(crew["org"], access_level="tertutup")
    assert signed_in(crew["produsen"]).get(closed.get_absolute_url()).status_code == 200
    actions.flush()
    assert figures(closed) == (1, 0, 0)


def test_counting_can_be_switched_off(crew, settings):
    settings.USAGE_COUNTING = False
    dataset = make_dataset(crew["org"])
    english_client().get(dataset.get_absolute_url())
    assert actions.BUFFER.pending() == 0


def test_the_buffer_is_written_after_enough_hits(crew, settings):
    settings.USAGE_FLUSH_HITS = 3
    dataset = make_dataset(crew["org"])
    client = english_client()
    client.get(dataset.get_absolute_url())
    client.get(dataset.get_absolute_url())
    assert not DailyUsage.objects.exists()
    client.get(dataset.get_absolute_url())
    assert figures(dataset) == (3, 0, 0)
    assert actions.BUFFER.pending() == 0


def test_the_buffer_is_written_after_some_seconds(crew, settings):
    settings.USAGE_FLUSH_SECONDS = 0
    dataset = make_dataset(crew["org"])
    english_client().get(f"/api/v1/datasets/{dataset.slug}")
    assert figures(dataset) == (0, 0, 1)


def test_counts_of_a_deleted_dataset_are_dropped(crew):
    actions.record("tidak-ada-lagi", Kind.VIEW)
    assert actions.flush() == 0
    assert not DailyUsage.objects.exists()


def test_counts_survive_a_database_error(crew, monkeypatch):
    dataset = make_dataset(crew["org"])
    actions.record(dataset.slug, Kind.DOWNLOAD)

    def broken(counts):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(actions, "do_write", broken)
    assert actions.flush() == 0
    assert actions.BUFFER.pending() == 1
    monkeypatch.undo()
    assert actions.flush() == 1
    assert figures(dataset) == (0, 1, 0)


def test_only_dataset_routes_have_a_kind():
    from django.urls import resolve

    assert kind_of(resolve("/dataset/abc/")) is Kind.VIEW
    assert kind_of(resolve("/dataset/abc/versi/2/unduh.parquet")) is Kind.DOWNLOAD
    assert kind_of(resolve("/api/v1/datasets/abc/versions")) is Kind.API
    assert kind_of(resolve("/organisasi/abc/")) is None
    assert kind_of(resolve("/api/v1/datasets")) is None
    assert kind_of(None) is None


def test_counts_made_against_another_database_are_dropped(crew):
    dataset = make_dataset(crew["org"])
    actions.record(dataset.slug, Kind.VIEW)
    actions.BUFFER.database = "a database since closed"
    assert actions.flush() == 0
    assert not DailyUsage.objects.exists()
