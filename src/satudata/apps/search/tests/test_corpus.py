"""One query corpus with the expected order of results: the suite runs on SQLite and on
PostgreSQL, so the same expectations hold on both."""

import pytest
from django.http import QueryDict

from satudata.apps.search.queries import params_from_query, search
from satudata.apps.search.tests.corpus import build_corpus
from satudata.platform.access import ANONYMOUS, viewer_for

pytestmark = pytest.mark.django_db

ANONYMOUS_CASES = [
    ("q=penduduk", ["penduduk", "kepadatan", "sekolah"]),
    ("q=kependudukan", ["penduduk", "kepadatan", "sekolah"]),
    ("q=pendudk", ["penduduk", "kepadatan", "sekolah"]),
    ("q=Penduduk+Kecamatan", ["penduduk"]),
    ("q=kesehatan", ["faskes", "nakes"]),
    ("q=sehat", ["faskes", "nakes"]),
    ("q=kesehatn", ["faskes", "nakes"]),
    ("q=puskesmas", ["faskes"]),
    ("q=jumlah+dokter", ["nakes"]),
    ("q=persen", ["sekolah"]),
    ("q=stunting", []),
    ("q=miskin", []),
    ("q=yang+dan", ["nakes", "sekolah", "faskes", "kepadatan", "penduduk"]),
    ("", ["nakes", "sekolah", "faskes", "kepadatan", "penduduk"]),
    ("sort=most_used", ["faskes", "kepadatan", "nakes", "sekolah", "penduduk"]),
    ("q=penduduk&sort=newest", ["sekolah", "kepadatan", "penduduk"]),
    ("q=penduduk&level=kecamatan", ["penduduk"]),
    ("year=2023", ["kepadatan", "penduduk"]),
    ("prioritas=2024", ["faskes"]),
    ("organisation=tidak-ada", []),
    ("access=terbatas", ["nakes", "sekolah", "faskes", "kepadatan", "penduduk"]),
]


def keys(world, result):
    names = {d.pk: key for key, d in world["datasets"].items()}
    return [names[d.pk] for d in result.datasets]


@pytest.fixture
def world():
    return build_corpus()


def test_anonymous_corpus(world):
    for query, expected in ANONYMOUS_CASES:
        result = search(ANONYMOUS, params_from_query(QueryDict(query)))
        assert keys(world, result) == expected, query
        assert result.total == len(expected), query


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("partner", ["penduduk", "kepadatan", "sekolah", "bansos"]),
        ("disdik", ["penduduk", "kepadatan", "sekolah", "bansos"]),
        ("dinkes", ["penduduk", "kepadatan", "sekolah", "stunting", "bansos"]),
        ("walidata", ["penduduk", "kepadatan", "sekolah", "stunting", "bansos"]),
    ],
)
def test_signed_in_corpus(world, who, expected):
    viewer = viewer_for(world["people"][who])
    assert keys(world, search(viewer, params_from_query({"q": "penduduk"}))) == expected


def test_facet_counts_are_over_what_the_viewer_may_see(world):
    facets = {f.name: f for f in search(ANONYMOUS, params_from_query({"q": "penduduk"})).facets}
    assert {v.value: v.count for v in facets["organisation"].values} == {
        world["orgs"]["dukcapil"].slug: 2,
        world["orgs"]["disdik"].slug: 1,
    }
    assert "access" not in facets
    walidata = viewer_for(world["people"]["walidata"])
    facets = {f.name: f for f in search(walidata, params_from_query({"q": "penduduk"})).facets}
    assert {v.value: v.count for v in facets["access"].values} == {
        "terbuka": 3,
        "terbatas": 1,
        "tertutup": 1,
    }


def test_facets_keep_the_other_choices_of_the_selected_facet(world):
    query = {"q": "penduduk", "organisation": world["orgs"]["disdik"].slug}
    result = search(ANONYMOUS, params_from_query(query))
    assert keys(world, result) == ["sekolah"]
    organisation = next(f for f in result.facets if f.name == "organisation")
    counts = {v.value: (v.count, v.selected) for v in organisation.values}
    assert counts[world["orgs"]["disdik"].slug] == (1, True)
    assert counts[world["orgs"]["dukcapil"].slug] == (2, False)
    years = next(f for f in result.facets if f.name == "year")
    assert years.values == []


def test_a_hidden_dataset_does_not_change_how_a_word_is_matched(world):
    """'stunting' exists only in a tertutup dataset: for the public it is an unknown word,
    widened to its typo neighbours like any other, and nothing is found."""
    result = search(ANONYMOUS, params_from_query({"q": "stuntin"}))
    assert result.total == 0
    dinkes = viewer_for(world["people"]["dinkes"])
    assert keys(world, search(dinkes, params_from_query({"q": "stuntin"}))) == ["stunting"]
