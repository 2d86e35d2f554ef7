"""Tags, the metadata-modified range and the title sort (what CKAN clients ask for)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from satudata.apps.catalog.actions.datasets import check_update_metadata
from satudata.apps.catalog.models import Dataset
from satudata.apps.search.actions import do_index_dataset
from satudata.apps.search.queries import SearchParams, params_from_query, search
from satudata.platform.access import ANONYMOUS
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    org = make_org()
    user = make_user(org, "produsen")
    older = make_dataset(org, title="Zakat Fitrah")
    newer = make_dataset(org, title="angka Kematian Ibu")
    check_update_metadata(user=user, dataset=older, data={}, tags=["agama", "sosial"])
    check_update_metadata(user=user, dataset=newer, data={}, tags=["kesehatan", "sosial"])
    past = timezone.now() - timedelta(days=30)
    Dataset.objects.filter(pk=older.pk).update(updated_at=past)
    do_index_dataset(older)
    return older, newer, past


def titles(params: SearchParams, **kwargs) -> list[str]:
    return [d.title for d in search(ANONYMOUS, params, **kwargs).datasets]


def test_tag_filter_and_facet(catalog):
    result = search(ANONYMOUS, params_from_query({"tag": ["sosial"]}), facets=["tag"])
    assert result.total == 2
    counts = {v.value: v.count for v in result.facets[0].values}
    assert counts == {"sosial": 2, "agama": 1, "kesehatan": 1}
    assert titles(params_from_query({"tag": ["agama"]})) == ["Zakat Fitrah"]
    assert titles(params_from_query({"tag": ["tidak ada"]})) == []


def test_default_facets_leave_tags_out(catalog):
    names = [f.name for f in search(ANONYMOUS, SearchParams()).facets]
    assert "tag" not in names
    assert "organisation" in names


def test_modified_range(catalog):
    older, newer, past = catalog
    since = SearchParams(modified_from=past + timedelta(days=1))
    assert titles(since) == [newer.title]
    until = SearchParams(modified_to=past + timedelta(seconds=1))
    assert titles(until) == [older.title]


def test_title_and_modified_sorts(catalog):
    assert titles(SearchParams(sort="title")) == ["angka Kematian Ibu", "Zakat Fitrah"]
    assert titles(SearchParams(sort="modified")) == ["angka Kematian Ibu", "Zakat Fitrah"]
    assert params_from_query({"sort": "title"}).sort == "title"


def test_licence_filter_and_facet(catalog):
    older = catalog[0]
    Dataset.objects.filter(pk=older.pk).update(licence="cc0-1.0")
    do_index_dataset(older)
    result = search(ANONYMOUS, params_from_query({"licence": ["cc0-1.0"]}), facets=["licence"])
    assert [d.title for d in result.datasets] == [older.title]
    labels = {v.value: (v.label, v.count) for v in result.facets[0].values}
    assert labels == {
        "cc0-1.0": ("Creative Commons Zero (CC0 1.0)", 1),
        "cc-by-4.0": ("Creative Commons Atribusi 4.0 (CC BY 4.0)", 1),
    }
    assert "licence" in [f.name for f in search(ANONYMOUS, SearchParams()).facets]
    assert titles(params_from_query({"licence": ["mit"]})) == titles(SearchParams())
