"""Ranking, filtering and facet counting of a catalog's documents in memory (polars).

The caller hands over the documents a viewer may see (`documents(rows)`), optionally the scores
of a full-text match (`match_scores`), the selected facet values, a sort and a page; `rank`
returns the page's ids in order, the total and the facet counts. A facet's counts are taken over
the documents that meet every other selected facet (so choosing one organisation still shows how
many datasets the others have), and only ever over the documents handed in."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

SCALAR_FACETS = ("organisation", "topic", "level", "access", "status")
LIST_FACETS = ("year", "prioritas", "format")
FACETS = (*SCALAR_FACETS, *LIST_FACETS)
SORTS = ("relevance", "newest", "most_used")
ON_TIME, LATE = "tepat_waktu", "terlambat"
EXACT_FACTOR, TYPO_FACTOR = 2, 1

DOCUMENT_SCHEMA = {
    "id": pl.Int64,
    "organisation": pl.Int64,
    "topic": pl.Int64,
    "level": pl.Utf8,
    "access": pl.Utf8,
    "uses": pl.Int64,
    "published": pl.Int64,
    "due": pl.Int64,
    "year": pl.Utf8,
    "prioritas": pl.Utf8,
    "format": pl.Utf8,
}


def _split(column: str, dtype: pl.DataType) -> pl.Expr:
    words = pl.col(column).fill_null("").str.split(" ")
    return words.list.eval(pl.element().filter(pl.element() != "").cast(dtype))


def documents(rows: Iterable[Sequence[Any]]) -> pl.DataFrame:
    """A frame of documents from rows in `DOCUMENT_SCHEMA` order; `year`, `prioritas` and
    `format` are space-separated lists (`"2022 2023"`), `published` and `due` plain integers
    (epoch seconds and date ordinal)."""
    frame = pl.DataFrame(list(rows), schema=DOCUMENT_SCHEMA, orient="row")
    return frame.with_columns(
        pl.col("uses").fill_null(0),
        pl.col("published").fill_null(0),
        _split("year", pl.Int64),
        _split("prioritas", pl.Int64),
        _split("format", pl.Categorical),
    )


POSTING_SCHEMA = {"id": pl.Int64, "term": pl.Utf8, "weight": pl.Int64}


def postings(rows: Iterable[Sequence[Any]]) -> pl.DataFrame:
    """A frame of `(document id, term, weight)` rows of the inverted index."""
    return pl.DataFrame(list(rows), schema=POSTING_SCHEMA, orient="row")


def match_scores(hits: pl.DataFrame, words: Sequence[Mapping[str, int]]) -> pl.DataFrame:
    """The documents that match every query word, with their score.

    `hits` are postings (see `postings`); `words` gives, for each query word, the terms that
    stand for it with a factor (`EXACT_FACTOR` for the word's own stem, `TYPO_FACTOR` for a
    term one typo away). A document's score for a word is its best weight × factor among those
    terms; its score is the sum over the words."""
    alternatives = [
        (term, index, factor) for index, terms in enumerate(words) for term, factor in terms.items()
    ]
    if not alternatives or hits.is_empty():
        return pl.DataFrame(schema={"id": pl.Int64, "score": pl.Int64})
    table = pl.DataFrame(
        alternatives, schema={"term": pl.Utf8, "word": pl.Int64, "factor": pl.Int64}, orient="row"
    )
    return (
        hits.join(table, on="term")
        .group_by("id", "word")
        .agg((pl.col("weight") * pl.col("factor")).max().alias("score"))
        .group_by("id")
        .agg(pl.len().alias("words"), pl.col("score").sum())
        .filter(pl.col("words") == len(words))
        .select("id", "score")
    )


@dataclass(frozen=True)
class Ranked:
    total: int
    ids: list[int]
    counts: dict[str, dict[Any, int]]


def _status(today: int) -> pl.Expr:
    return (
        pl.when(pl.col("due").is_null())
        .then(pl.lit(None, dtype=pl.Utf8))
        .when(pl.col("due") < today)
        .then(pl.lit(LATE))
        .otherwise(pl.lit(ON_TIME))
        .alias("status")
    )


def _condition(facet: str, values: frozenset[Any]) -> pl.Expr:
    chosen = sorted(values, key=str)
    if facet in LIST_FACETS:
        return pl.col(facet).list.eval(pl.element().is_in(chosen)).list.any()
    return pl.col(facet).is_in(chosen).fill_null(False)


def _order(sort: str, scored: bool) -> list[str]:
    """The sort keys, every one descending; the id last makes the order total."""
    if sort == "most_used":
        return ["uses", "published", "id"]
    if sort == "relevance" and scored:
        return ["score", "uses", "published", "id"]
    return ["published", "id"]


def _counts(frame: pl.DataFrame, facet: str) -> dict[Any, int]:
    column = frame.get_column(facet)
    if facet in LIST_FACETS:
        column = column.explode()
    counted = column.drop_nulls().value_counts()
    values = counted[facet].cast(pl.Utf8) if facet == "format" else counted[facet]
    return dict(zip(values.to_list(), counted["count"].to_list(), strict=True))


def rank(
    docs: pl.DataFrame,
    *,
    matches: pl.DataFrame | None,
    selected: Mapping[str, frozenset[Any]],
    facets: Sequence[str],
    sort: str,
    today: int,
    offset: int,
    limit: int,
) -> Ranked:
    """The page `offset:offset+limit` of `docs` (restricted to `matches` when a query was
    given) that meet every selected facet, in `sort` order, and the counts of `facets`.

    Ties break on the newest publication and then the highest id, so the order is total and
    the same whatever database the rows came from."""
    frame = docs.join(matches, on="id", how="inner") if matches is not None else docs
    frame = frame.with_columns(_status(today))
    conditions = {f: _condition(f, v) for f, v in selected.items() if v and f in FACETS}
    if conditions:
        frame = frame.with_columns(
            **{f"_{facet}": condition for facet, condition in conditions.items()}
        )

    def meeting(skip: str | None) -> pl.DataFrame:
        kept = [pl.col(f"_{f}") for f in conditions if f != skip]
        return frame.filter(pl.all_horizontal(kept)) if kept else frame

    results = meeting(None)
    counts = {
        facet: _counts(meeting(facet) if facet in conditions else results, facet)
        for facet in facets
    }
    by = _order(sort, matches is not None)
    page = results.top_k(offset + limit, by=by).sort(by, descending=True).slice(offset, limit)
    return Ranked(total=results.height, ids=page["id"].to_list(), counts=counts)
