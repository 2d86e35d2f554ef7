from datetime import date

import polars as pl

from satudata.engines.text import documents, match_scores, postings, rank, related, tag_links

TODAY = date(2024, 6, 1).toordinal()
ROWS = [
    # id, organisation, topic, level, access, uses, published, due, years, prioritas, formats,
    # modified, tags, title, licence
    (
        1,
        10,
        1,
        "kota",
        "terbuka",
        5,
        100,
        TODAY + 10,
        "2022 2023",
        "2024",
        "csv json",
        400,
        "kesehatan\nbalita",
        "Stunting",
        "cc-by-4.0",
    ),
    (
        2,
        10,
        2,
        "kecamatan",
        "terbuka",
        50,
        200,
        TODAY - 1,
        "2023",
        "",
        "csv json pdf",
        250,
        "penduduk",
        "angka Kelahiran",
        "cc0-1.0",
    ),
    (
        3,
        20,
        None,
        "kota",
        "terbatas",
        0,
        300,
        None,
        "",
        "",
        "csv",
        300,
        "",
        "Belanja",
        "bagi-pakai",
    ),
    (
        4,
        20,
        1,
        "kelurahan",
        "terbuka",
        50,
        150,
        TODAY - 5,
        "2021",
        "2023 2024",
        "",
        100,
        "balita",
        "Posyandu",
        "cc-by-4.0",
    ),
]


def ranked(**kwargs):
    options = {
        "matches": None,
        "selected": {},
        "facets": ("organisation", "year", "status", "format", "prioritas"),
        "sort": "newest",
        "today": TODAY,
        "offset": 0,
        "limit": 10,
    }
    return rank(documents(ROWS), **{**options, **kwargs})


def test_sorts_are_total_orders():
    assert ranked().ids == [3, 2, 4, 1]
    assert ranked(sort="most_used").ids == [2, 4, 1, 3]


def test_title_and_modified_sorts():
    assert ranked(sort="title").ids == [2, 3, 4, 1]
    assert ranked(sort="title", offset=1, limit=2).ids == [3, 4]
    assert ranked(sort="modified").ids == [1, 3, 2, 4]


def test_tags_are_a_list_facet():
    result = ranked(facets=("tag",), selected={"tag": frozenset({"balita"})})
    assert result.ids == [4, 1]
    assert result.counts["tag"] == {"balita": 2, "kesehatan": 1, "penduduk": 1}


def test_licence_is_a_scalar_facet():
    result = ranked(facets=("licence",), selected={"licence": frozenset({"cc-by-4.0"})})
    assert result.ids == [4, 1]
    assert result.counts["licence"] == {"cc-by-4.0": 2, "cc0-1.0": 1, "bagi-pakai": 1}


def test_bounds_keep_documents_within_an_inclusive_range():
    assert ranked(bounds={"modified": (250, None)}).ids == [3, 2, 1]
    assert ranked(bounds={"modified": (None, 250)}).ids == [2, 4]
    assert ranked(bounds={"modified": (250, 300)}, sort="modified").ids == [3, 2]


def test_pages():
    page = ranked(offset=2, limit=1)
    assert page.ids == [4]
    assert page.total == 4


def test_facet_counts_skip_their_own_selection():
    result = ranked(selected={"organisation": frozenset({10}), "year": frozenset({2023})})
    assert result.ids == [2, 1]
    assert result.counts["organisation"] == {10: 2}  # dataset 3 and 4 do not cover 2023
    assert result.counts["year"] == {2022: 1, 2023: 2}
    assert result.counts["format"] == {"csv": 2, "json": 2, "pdf": 1}


def test_status_from_the_next_update_date():
    result = ranked()
    assert result.counts["status"] == {"tepat_waktu": 1, "terlambat": 2}
    assert ranked(selected={"status": frozenset({"terlambat"})}).ids == [2, 4]


def test_list_facets_match_any_chosen_value():
    assert ranked(selected={"prioritas": frozenset({2023, 2024})}).ids == [4, 1]
    assert ranked(selected={"format": frozenset({"pdf"})}).ids == [2]


def test_match_scores_need_every_word_and_prefer_exact_terms():
    hits = postings(
        [(1, "duduk", 8), (1, "miskin", 1), (2, "duduk", 1), (2, "miskin", 8), (3, "duduk", 8)]
    )
    scores = match_scores(hits, [{"duduk": 2}, {"miskin": 2, "miskim": 1}])
    assert dict(scores.sort("id").iter_rows()) == {1: 18, 2: 18}
    typo_only = match_scores(postings([(1, "miskim", 8)]), [{"miskin": 2, "miskim": 1}])
    assert dict(typo_only.iter_rows()) == {1: 8}


def test_relevance_ranks_by_score_then_use():
    matches = pl.DataFrame({"id": [1, 2, 4], "score": [16, 2, 16]})
    assert ranked(matches=matches, sort="relevance").ids == [4, 1, 2]
    assert ranked(matches=matches, sort="relevance").total == 3


def test_related_prefers_shared_tags_then_topic_then_organisation():
    docs = documents(ROWS)
    links = tag_links(docs)
    found = related(docs, links, exclude=4, tags=["balita"], topic=1, organisation=20, limit=3)
    assert found == [1, 3]  # 1 shares "balita"; no other topic-1 dataset; 3 is of organisation 20
    assert related(docs, links, exclude=1, tags=[], topic=2, organisation=99, limit=5) == [2]
    assert related(
        docs, links, exclude=2, tags=["balita"], topic=None, organisation=10, limit=1
    ) == [4]


def test_related_counts_each_tag_once_and_ignores_unknown_tags():
    docs = documents(ROWS)
    links = tag_links(docs)
    once = related(docs, links, exclude=4, tags=["balita"], topic=None, organisation=0, limit=3)
    twice = related(
        docs,
        links,
        exclude=4,
        tags=["balita", "balita", "tidak-ada"],
        topic=None,
        organisation=0,
        limit=3,
    )
    assert twice == once == [1]
