"""Catalog search: full text (Indonesian stems, one typo), facets, sort and pages.

`search(viewer, params)` reads only what `access.public_datasets(viewer)` lets through: the
catalog the viewer may see is loaded (and kept per process, see `memo`) as a frame of facet
values; a full-text query narrows it with the inverted index; the engine ranks, filters and
counts; only the page's datasets are fetched. Facet counts are therefore computed over the
viewer's own catalog and never reveal a dataset the viewer may not see."""

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

import polars as pl
from django.db import connection
from django.utils import timezone

from satudata.apps.catalog.models import AccessLevel, Dataset, LevelPenyajian, Licence
from satudata.apps.catalog.queries import visible_datasets
from satudata.apps.search.facets import Facet, build_facets, selected_ids
from satudata.apps.search.memo import Memo, current_token
from satudata.apps.search.models import Posting, WordVariant
from satudata.engines import text
from satudata.platform import access
from satudata.platform.access import Viewer

PER_PAGE, MAX_PER_PAGE, MAX_PAGE = 20, 100, 1000
TAG = re.compile(r"[^\x00-\x1f\x7f]{1,60}")
PAGE_FACETS = (
    "organisation",
    "topic",
    "year",
    "level",
    "access",
    "format",
    "prioritas",
    "status",
    "licence",
)
MAX_QUERY = 200
CATALOGS = Memo(size=32)
TAG_LINKS = Memo(size=32)
MATCHES = Memo(size=512)
RANKED = Memo(size=2048)
RELATED = Memo(size=4096)
RELATED_ROWS = Memo(size=8192)
PAGES = Memo(size=1024)
DOCUMENT_COLUMNS = (
    "id",
    "organisation_id",
    "topic_id",
    "level_penyajian",
    "access_level",
    "use_count",
    "search_document__published",
    "search_document__due",
    "search_document__years",
    "search_document__prioritas",
    "search_document__formats",
    "search_document__modified",
    "search_document__tags",
    "title",
    "licence",
)


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    organisation: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    level: tuple[str, ...] = ()
    access: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    prioritas: tuple[int, ...] = ()
    status: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    licence: tuple[str, ...] = ()
    modified_from: datetime | None = None
    modified_to: datetime | None = None
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def effective_sort(self) -> str:
        """The sort asked for; by default relevance for a text query, else the newest first."""
        if self.sort in text.SORTS:
            return self.sort
        return "relevance" if text.query_words(self.q) else "newest"

    def facet_values(self) -> dict[str, tuple[Any, ...]]:
        return {name: getattr(self, name) for name in text.FACETS}

    def bounds(self) -> dict[str, tuple[int | None, int | None]]:
        """The metadata-modified range as epoch seconds (inclusive)."""
        low, high = self.modified_from, self.modified_to
        if low is None and high is None:
            return {}
        return {
            "modified": (
                int(low.timestamp()) if low else None,
                int(high.timestamp()) if high else None,
            )
        }


@dataclass(frozen=True)
class SearchResult:
    total: int
    datasets: list[Dataset]
    facets: list[Facet]
    page: int
    per_page: int
    has_next: bool
    params: SearchParams = field(default_factory=SearchParams)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @cached_property
    def cards_key(self) -> str:
        """The key under which the rendering of the page's dataset cards is cached."""
        return card_key(self.datasets)

    @cached_property
    def facets_key(self) -> str:
        """A digest of the facets' values, labels, counts and choices: the key under which
        their rendering is cached."""
        return hashlib.blake2b(repr(self.facets).encode(), digest_size=16).hexdigest()


def card_key(datasets: Iterable[Dataset]) -> str:
    """A digest of what the cards of `datasets` show (`includes/dataset_card.html`): the key
    under which the rendering of one card, or of a list of them, is cached."""
    shown = [
        (
            d.pk,
            d.title,
            d.description,
            str(d.organisation),
            str(d.topic),
            d.data_updated_at,
            d.access_level,
            d.prioritas_years,
        )
        for d in datasets
    ]
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def _values(query: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(query, "getlist"):
        raw = query.getlist(name)
    else:
        value = query.get(name)
        raw = value if isinstance(value, list | tuple) else [] if value is None else [value]
    return [str(v).strip() for v in raw if str(v).strip()]


def _ints(values: Sequence[str]) -> tuple[int, ...]:
    return tuple(sorted({int(v) for v in values if v.isdigit() and len(v) <= 4}))


def _choices(values: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v in allowed}))


def _number(query: Mapping[str, Any], names: Sequence[str], default: int, top: int) -> int:
    for name in names:
        values = _values(query, name)
        if values and values[0].isdigit():
            return min(max(int(values[0]), 1), top)
    return default


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


def params_from_query(query: Mapping[str, Any]) -> SearchParams:
    """Search parameters from a query string (`request.GET`); values that cannot be understood
    are left out rather than refused."""
    sort = (_values(query, "sort") or [""])[0]
    slugs = {
        name: tuple(sorted({v for v in _values(query, name) if SLUG.fullmatch(v)}))[:50]
        for name in ("organisation", "topic")
    }
    return SearchParams(
        q=" ".join((_values(query, "q") or [""])[0].split())[:MAX_QUERY],
        organisation=slugs["organisation"],
        topic=slugs["topic"],
        year=_ints(_values(query, "year")),
        level=_choices(_values(query, "level"), LevelPenyajian.values),
        access=_choices(_values(query, "access"), AccessLevel.values),
        format=tuple(sorted({v.lower() for v in _values(query, "format") if v.isalnum()}))[:20],
        prioritas=_ints(_values(query, "prioritas")),
        status=_choices(_values(query, "status"), (text.ON_TIME, text.LATE)),
        tag=tuple(sorted({v for v in _values(query, "tag") if TAG.fullmatch(v)}))[:50],
        licence=_choices(_values(query, "licence"), Licence.values),
        sort=sort if sort in text.SORTS else "",
        page=_number(query, ("page",), 1, MAX_PAGE),
        per_page=_number(query, ("per_page", "limit"), PER_PAGE, MAX_PER_PAGE),
    )


def _fetch(queryset: Any) -> list[tuple[Any, ...]]:
    """Rows of a values_list queryset straight from the cursor: plain ints and strings only."""
    sql, sql_params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        return cursor.fetchall()


def _catalog(viewer: Viewer) -> pl.DataFrame:
    visible = access.public_datasets(viewer).order_by().values_list(*DOCUMENT_COLUMNS)
    return text.documents(_fetch(visible))


def _page(viewer: Viewer, ids: list[int]) -> dict[int, Dataset]:
    """The datasets of one page of results, with what their cards show. Kept per index token
    (see `PAGES`), they are shared by the requests of one process and only read."""
    return visible_datasets(viewer).filter(pk__in=ids).in_bulk() if ids else {}


def _postings(terms: set[str], catalog: pl.DataFrame) -> pl.DataFrame:
    """The postings of `terms` for the datasets in `catalog` only."""
    if not terms:
        return text.postings([])
    found = Posting.objects.filter(term__in=sorted(terms))
    hits = text.postings(_fetch(found.values_list("dataset_id", "term", "weight")))
    return hits.join(catalog.select("id"), on="id", how="semi")


def _typo_terms(word: str, exact: str) -> dict[str, int]:
    """The stems of vocabulary words one typo away from `word`."""
    candidates = WordVariant.objects.filter(variant__in=sorted(text.variants(word)))
    return {
        stem: text.TYPO_FACTOR
        for found, stem in candidates.values_list("word", "stem")
        if stem != exact and text.within_one_edit(word, found)
    }


def _matches(words: list[str], catalog: pl.DataFrame) -> pl.DataFrame:
    """Scores of the visible datasets that match every word. A word whose own stem matches no
    visible dataset is widened to the words one typo away (deciding on visible datasets only,
    so that whether a hidden dataset holds the word cannot be told from the results)."""
    stems = [text.stem(word) for word in words]
    hits = _postings(set(stems), catalog)
    present = set(hits.get_column("term").unique().to_list())
    alternatives = []
    extra: set[str] = set()
    for word, stem in zip(words, stems, strict=True):
        terms = {stem: text.EXACT_FACTOR}
        if stem not in present and text.typo_eligible(word):
            terms.update(_typo_terms(word, stem))
            extra.update(set(terms) - {stem})
        alternatives.append(terms)
    if extra:
        hits = pl.concat([hits, _postings(extra, catalog)])
    return text.match_scores(hits, alternatives)


def search(
    viewer: Viewer, params: SearchParams, facets: Sequence[str] | None = None
) -> SearchResult:
    """The page of datasets `params` asks for among those `viewer` may see, with the counts of
    `facets` (by default those the portal's search page shows; "access" only for signed-in
    viewers)."""
    token = current_token()
    scope = repr(access.dataset_q(viewer))
    asked = PAGE_FACETS if facets is None else facets
    names = [f for f in asked if f in text.FACETS and (f != "access" or viewer.authenticated)]
    chosen = params.facet_values()
    if not viewer.authenticated:
        chosen["access"] = ()
    today = timezone.localdate().toordinal()

    def compute() -> text.Ranked:
        catalog = CATALOGS.get(token, scope, lambda: _catalog(viewer))
        words = text.query_words(params.q)
        matches = None
        if words:
            matches = MATCHES.get(token, (scope, tuple(words)), lambda: _matches(words, catalog))
        return text.rank(
            catalog,
            matches=matches,
            selected=selected_ids(chosen),
            facets=names,
            sort=params.effective_sort,
            today=today,
            offset=(params.page - 1) * params.per_page,
            limit=params.per_page,
            bounds=params.bounds(),
        )

    ranked = RANKED.get(token, (scope, params, tuple(names), today), compute)
    by_id = PAGES.get(token, (scope, tuple(ranked.ids)), lambda: _page(viewer, ranked.ids))
    return SearchResult(
        total=ranked.total,
        datasets=[by_id[pk] for pk in ranked.ids if pk in by_id],
        facets=build_facets(names, ranked.counts, chosen, token),
        page=params.page,
        per_page=params.per_page,
        has_next=params.page * params.per_page < ranked.total,
        params=params,
    )


def _related_rows(ids: list[Any]) -> dict[Any, Dataset]:
    """Datasets chosen as related, with their organisation and topic: kept per index token one
    by one (see `RELATED_ROWS`), since the most used ones are related to many pages. Only read,
    like a page of results."""
    return Dataset.objects.filter(pk__in=ids).select_related("organisation", "topic").in_bulk()


def related_datasets(
    viewer: Viewer, dataset: Dataset, tags: Sequence[str], limit: int, token: str | None
) -> list[Dataset]:
    """The published datasets `viewer` may see that relate to `dataset` (shared tags, then
    topic, then organisation), ranked over the viewer's in-memory catalog, with their
    organisation and topic. Kept per index token like a page of results (see `PAGES`), the
    datasets themselves one by one. `token`: the index token the caller read for this request
    (see `memo.current_token`)."""
    scope = repr(access.dataset_q(viewer))

    def compute() -> list[Dataset]:
        catalog = CATALOGS.get(token, scope, lambda: _catalog(viewer))
        links = TAG_LINKS.get(token, scope, lambda: text.tag_links(catalog))
        chosen = text.related(
            catalog,
            links,
            exclude=dataset.pk,
            tags=tags,
            topic=dataset.topic_id,
            organisation=dataset.organisation_id,
            limit=limit,
        )
        by_pk = RELATED_ROWS.get_many(token, chosen, _related_rows)
        return [by_pk[pk] for pk in chosen if pk in by_pk]

    key = (scope, dataset.pk, tuple(tags), dataset.topic_id, dataset.organisation_id, limit)
    return RELATED.get(token, key, compute)
