"""The dataset page's cached parts: a part rendered for one viewer reaches another only when it
shows the same to both, and it is reused then."""

import datetime

import pytest

from satudata.apps.catalog.actions.datasets import check_add_attachment
from satudata.apps.catalog.models import Dataset, Tag, Topic
from satudata.apps.portal import fragments
from satudata.apps.portal.tests.helpers import (
    document,
    english_client,
    people,
    second_version,
    signed_in,
)
from satudata.apps.search.actions import do_index_dataset, do_reindex_all
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db

PARTS = (
    "portal/parts/dataset_about.html",
    "portal/parts/dataset_metadata.html",
    "portal/parts/dataset_versions.html",
    "portal/parts/dataset_downloads.html",
    "portal/parts/dataset_related.html",
)


@pytest.fixture
def crew():
    return people()


def rendered_parts(response) -> set[str]:
    return {t.name for t in response.templates} & set(PARTS)


def page(client, dataset: Dataset) -> tuple[str, set[str]]:
    response = client.get(dataset.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), rendered_parts(response)


def tagged(dataset: Dataset, tag: Tag) -> Dataset:
    dataset.tags.add(tag)
    do_index_dataset(dataset)  # tags added outside the catalog's actions
    return dataset


def test_a_related_tertutup_dataset_stays_with_those_who_may_see_it(crew):
    tag = Tag.objects.create(name="balita")
    dataset = tagged(make_dataset(crew["org"], title="Gizi Balita"), tag)
    tagged(make_dataset(crew["org"], title="Rahasia Balita", access_level="tertutup"), tag)
    owner, _ = page(signed_in(crew["produsen"]), dataset)
    assert "Rahasia Balita" in owner
    for client in (english_client(), signed_in(crew["stranger"]), signed_in(crew["partner"])):
        body, _ = page(client, dataset)
        assert "Rahasia Balita" not in body
    walidata, _ = page(signed_in(crew["walidata"]), dataset)
    assert "Rahasia Balita" in walidata


def test_the_candidate_and_the_source_file_stay_with_the_workflow(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Posyandu")
    dataset.candidate_version = second_version(dataset, diff={})
    dataset.save()
    do_index_dataset(dataset)
    staff, _ = page(signed_in(crew["walidata"]), dataset)
    assert "Original file: data-1.csv" in staff
    assert "candidate" in staff
    for client in (english_client(), signed_in(crew["stranger"])):
        body, _ = page(client, dataset)
        assert "Original file" not in body
        assert "candidate" not in body
        assert "Version 2" not in body


def test_attachments_follow_each_viewers_access(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Bidan")
    document(dataset, "terbuka")
    document(dataset, "terbatas")
    do_index_dataset(dataset)
    government, _ = page(signed_in(crew["stranger"]), dataset)
    assert "Kuesioner terbatas" in government
    public, _ = page(english_client(), dataset)
    assert "Kuesioner terbuka" in public
    assert "Kuesioner terbatas" not in public


def test_parts_that_look_the_same_are_rendered_once(crew):
    health = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    dataset = make_dataset(crew["org"], title="Jumlah Puskesmas", topic=health)
    make_dataset(crew["org"], title="Jumlah Dokter", topic=health)
    document(dataset, "terbuka")
    do_reindex_all()
    _, parts = page(english_client(), dataset)
    assert parts == set(PARTS)
    again, parts = page(english_client(), dataset)
    assert parts == set()
    assert "Jumlah Dokter" in again
    _, parts = page(signed_in(crew["stranger"]), dataset)
    assert parts == set()  # another OPD sees the same parts: nothing of its own relates


def test_only_the_parts_that_differ_are_rendered_for_another_viewer(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Bidan")
    document(dataset, "terbatas")
    do_index_dataset(dataset)
    page(english_client(), dataset)
    _, parts = page(signed_in(crew["stranger"]), dataset)
    assert parts == {"portal/parts/dataset_related.html"}  # the terbatas attachment
    _, parts = page(signed_in(crew["produsen"]), dataset)
    assert parts == {"portal/parts/dataset_downloads.html"}  # with the original file


def test_an_edit_renders_the_parts_again(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Bidan")
    do_index_dataset(dataset)
    page(english_client(), dataset)
    dataset.title = "Jumlah Bidan Desa"
    dataset.save()
    do_index_dataset(dataset)
    body, parts = page(english_client(), dataset)
    assert parts == set(PARTS)
    assert "Jumlah Bidan Desa" in body


def test_the_use_count_is_current_although_the_parts_are_kept(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Bidan")
    do_index_dataset(dataset)
    page(english_client(), dataset)
    Dataset.objects.filter(pk=dataset.pk).update(use_count=1234)
    body, parts = page(english_client(), dataset)
    assert parts == set()
    assert "1,234" in body


def test_every_read_of_a_tertutup_page_is_audited_when_its_parts_are_kept(crew):
    dataset = make_dataset(crew["org"], access_level="tertutup")
    do_index_dataset(dataset)
    client = signed_in(crew["produsen"])
    page(client, dataset)
    _, parts = page(client, dataset)
    assert parts == set()
    reads = AuditEntry.objects.filter(action="dataset.read", object_id=str(dataset.pk))
    assert reads.count() == 2


def test_keys_hold_every_column_and_loaded_relation(crew):
    dataset = Dataset.objects.select_related("organisation").get(
        pk=make_dataset(crew["org"], title="Jumlah Bidan").pk
    )
    before = fragments.digest(dataset)
    dataset.organisation.name = "Dinas Kesehatan Kota"
    assert fragments.digest(dataset) != before
    dataset.use_count += 1
    dataset.organisation.name = "Dinas Kesehatan"
    assert fragments.digest(dataset) == before  # a counter no part shows


def test_keys_refuse_what_they_cannot_picture():
    assert fragments.digest({"day": datetime.date(2024, 1, 1)}) != fragments.digest(
        {"day": datetime.date(2024, 1, 2)}
    )
    with pytest.raises(TypeError):
        fragments.digest({"thing": object()})


def test_a_page_seen_before_reads_only_the_dataset_and_the_index_token(
    crew, settings, django_assert_num_queries
):
    settings.USAGE_FLUSH_SECONDS = settings.USAGE_FLUSH_HITS = 10_000
    dataset = make_dataset(crew["org"], title="Jumlah Posyandu")
    do_index_dataset(dataset)
    client = english_client()
    page(client, dataset)
    with django_assert_num_queries(2):
        body, parts = page(client, dataset)
    assert "Jumlah Posyandu" in body and not parts


def test_an_attachment_added_after_a_page_view_shows_on_the_next_one(crew):
    dataset = make_dataset(crew["org"], title="Jumlah Bidan")
    do_index_dataset(dataset)
    client = english_client()
    before, _ = page(client, dataset)
    assert "Panduan pengisian" not in before
    check_add_attachment(
        user=crew["produsen"],
        dataset=dataset,
        title="Panduan pengisian",
        access_level="terbuka",
        url="https://data.tangerangkota.go.id/panduan",
    )
    after, _ = page(client, dataset)
    assert "Panduan pengisian" in after
