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

SCALAR_FACETS = ("organisation", "topic", "level", "access", "status", "licence")
LIST_FACETS = ("year", "prioritas", "format", "tag")
FACETS = (*SCALAR_FACETS, *LIST_FACETS)
SORTS = ("relevance", "newest", "most_used", "modified", "modified_oldest", "title")
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
    "modified": pl.Int64,
    "tag": pl.Utf8,
    "title": pl.Utf8,
    "licence": pl.Utf8,
}


def _split(column: str, dtype: pl.DataType, separator: str = " ") -> pl.Expr:
    words = pl.col(column).fill_null("").str.split(separator)
    return words.list.eval(pl.element().filter(pl.element() != "").cast(dtype))


def documents(rows: Iterable[Sequence[Any]]) -> pl.DataFrame:
    """A frame of documents from rows in `DOCUMENT_SCHEMA` order; `year`, `prioritas` and
    `format` are space-separated lists (`"2022 2023"`), `tag` a newline-separated list,
    `published`, `modified` and `due` plain integers (epoch seconds and date ordinal), `title`
    the text the title sort compares."""
    frame = pl.DataFrame(list(rows), schema=DOCUMENT_SCHEMA, orient="row")
    return frame.with_columns(
        pl.col("uses").fill_null(0),
        pl.col("published").fill_null(0),
        pl.col("modified").fill_null(0),
        pl.col("title").fill_null("").str.to_lowercase(),
        _split("year", pl.Int64),
        _split("prioritas", pl.Int64),
        _split("format", pl.Categorical),
        _split("tag", pl.Utf8, "\n"),
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


def _order(sort: str, scored: bool) -> tuple[list[str], list[bool]]:
    """The sort keys and whether each is descending; the id last makes the order total."""
    if sort == "title":
        return ["title", "id"], [False, False]
    if sort == "modified_oldest":
        return ["modified", "id"], [False, False]
    if sort == "modified":
        keys = ["modified", "id"]
    elif sort == "most_used":
        keys = ["uses", "published", "id"]
    elif sort == "relevance" and scored:
        keys = ["score", "uses", "published", "id"]
    else:
        keys = ["published", "id"]
    return keys, [True] * len(keys)


def _within(bounds: Mapping[str, tuple[int | None, int | None]]) -> list[pl.Expr]:
    """Conditions keeping the documents whose integer column lies within inclusive bounds."""
    kept = []
    for column, (low, high) in bounds.items():
        if low is not None:
            kept.append(pl.col(column) >= low)
        if high is not None:
            kept.append(pl.col(column) <= high)
    return kept


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
    bounds: Mapping[str, tuple[int | None, int | None]] | None = None,
) -> Ranked:
    """The page `offset:offset+limit` of `docs` (restricted to `matches` when a query was
    given) that meet every selected facet and lie within `bounds` (e.g. `{"modified": (start,
    None)}`), in `sort` order, and the counts of `facets`.

    Ties break on the newest publication and then the highest id, so the order is total and
    the same whatever database the rows came from."""
    frame = docs.join(matches, on="id", how="inner") if matches is not None else docs
    if within := _within(bounds or {}):
        frame = frame.filter(pl.all_horizontal(within))
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
    by, descending = _order(sort, matches is not None)
    if all(descending):
        top = results.top_k(offset + limit, by=by)
    else:
        top = results.bottom_k(offset + limit, by=by)
    page = top.sort(by, descending=descending).slice(offset, limit)
    return Ranked(total=results.height, ids=page["id"].to_list(), counts=counts)


def tag_links(docs: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The `(id, uses)` rows of the documents of each tag, for `related`: built once per
    catalog so that a page's related documents read only its own tags' rows."""
    links = docs.select("id", "tag", "uses").explode("tag").drop_nulls("tag")
    return {
        str(key[0]): part.select("id", "uses")
        for key, part in links.partition_by("tag", as_dict=True).items()
    }


def related(
    docs: pl.DataFrame,
    links: Mapping[str, pl.DataFrame],
    *,
    exclude: int,
    tags: Sequence[str],
    topic: int | None,
    organisation: int,
    limit: int,
) -> list[int]:
    """Ids of up to `limit` documents related to document `exclude`: those sharing the most of
    `tags` first (then the most used, then the lowest id), then those of the same `topic`, then
    of the same `organisation` (each by most used, then lowest id)."""
    chosen: list[int] = []
    parts = [links[tag] for tag in dict.fromkeys(tags) if tag in links]
    if parts:
        shared = (
            pl.concat(parts)
            .filter(pl.col("id") != exclude)
            .group_by("id")
            .agg(pl.len().alias("shared"), pl.col("uses").first())
            .sort(["shared", "uses", "id"], descending=[True, True, False])
            .head(limit)
        )
        chosen = shared.get_column("id").to_list()
    for column, value in (("topic", topic), ("organisation", organisation)):
        if len(chosen) >= limit or value is None:
            continue
        rows = (
            docs.filter((pl.col(column) == value) & ~pl.col("id").is_in([exclude, *chosen]))
            .select("id", "uses")
            .sort(["uses", "id"], descending=[True, False])
            .head(limit - len(chosen))
        )
        chosen.extend(rows.get_column("id").to_list())
    return chosen
