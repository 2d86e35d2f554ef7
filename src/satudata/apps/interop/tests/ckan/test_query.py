"""CKAN's search syntax and ids, without a database."""

from datetime import UTC, datetime

import pytest

from satudata.apps.interop.ckan import ids, query
from satudata.apps.interop.ckan.errors import SearchQueryError
from satudata.apps.interop.ckan.search import sort_of


def parse(q: str = "", fq: str = "") -> query.Parsed:
    parsed = query.Parsed()
    query.read(parsed, q, free_text=True)
    query.read(parsed, fq, free_text=False)
    return parsed


def test_free_text_and_fields():
    parsed = parse('jumlah "penduduk kota" tags:demografi', '+organization:dinkes AND groups:"x y"')
    assert parsed.words == ["jumlah", "penduduk", "kota"]
    assert parsed.values == {"tag": ("demografi",), "organisation": ("dinkes",), "topic": ("x y",)}


def test_groups_ranges_and_constants():
    parsed = parse("*:*", "res_format:(CSV OR PDF) metadata_modified:{2024-01-01T00:00:00Z TO *]")
    assert parsed.values == {"format": ("CSV", "PDF")}
    assert parsed.modified_from == datetime(2024, 1, 1, 0, 0, 1, tzinfo=UTC)
    assert parsed.modified_to is None
    assert parse(fq="dataset_type:harvest").nothing
    assert not parse(fq="+dataset_type:dataset +state:active").nothing


def test_now_arithmetic():
    now = datetime(2024, 5, 10, 13, 30, tzinfo=UTC)
    assert query.moment("NOW-7DAYS", now) == datetime(2024, 5, 3, 13, 30, tzinfo=UTC)
    assert query.moment("NOW/DAY", now) == datetime(2024, 5, 10, tzinfo=UTC)
    assert query.moment("*", now) is None


@pytest.mark.parametrize(
    "fq",
    [
        "-tags:x",
        "NOT tags:x",
        "tags:a OR tags:b",
        "organization:a organization:b",
        "umur:5",
        "metadata_modified:2024",
        "tags:(a AND b)",
        "capacity:semua",
        "(tags:a",
    ],
)
def test_refused(fq):
    with pytest.raises(SearchQueryError):
        parse(fq=fq)


def test_sorts():
    assert sort_of("score desc, metadata_modified desc", has_words=True) == "relevance"
    assert sort_of("score desc, metadata_modified desc", has_words=False) == "modified"
    assert sort_of("", has_words=False) == "modified"
    assert sort_of("title_string asc", has_words=True) == "title"
    assert sort_of("views_recent desc", has_words=False) == "most_used"
    assert sort_of("metadata_modified asc", has_words=True) == "modified_oldest"
    with pytest.raises(SearchQueryError):
        sort_of("metadata_created asc", has_words=False)


def test_ids_round_trip():
    text = ids.data_resource_id(123, 4, "parquet")
    assert ids.parse(text) == ids.Ref(ids.Kind.DATA, 123, 3, 4)
    assert ids.parse(text).format == "parquet"
    assert ids.parse(ids.package_id(9)).kind is ids.Kind.PACKAGE
    assert ids.parse("00000000-0000-0000-0000-000000000000") is None
    assert ids.parse("dataset-uji") is None
