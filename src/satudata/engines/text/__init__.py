"""Text engine: Indonesian normalisation and stemming, typo tolerance, and the in-memory ranking
and facet counting of catalog search.

- `tokens(text)`, `stem(word)`, `query_words(q)`, `field_terms([(weight, text), ...])`;
- `variants(word)`, `within_one_edit(a, b)`, `typo_eligible(word)`;
- `documents(rows)`, `postings(rows)`, `match_scores(hits, words)`, `rank(...)` -> `Ranked`.
"""

from satudata.engines.text.analyse import field_terms, normalise, query_words, stem, tokens
from satudata.engines.text.ranking import (
    DOCUMENT_SCHEMA,
    EXACT_FACTOR,
    FACETS,
    LATE,
    LIST_FACETS,
    ON_TIME,
    SCALAR_FACETS,
    SORTS,
    TYPO_FACTOR,
    Ranked,
    documents,
    match_scores,
    postings,
    rank,
    related,
    tag_links,
)
from satudata.engines.text.typo import typo_eligible, variants, within_one_edit

__all__ = [
    "DOCUMENT_SCHEMA",
    "EXACT_FACTOR",
    "FACETS",
    "LATE",
    "LIST_FACETS",
    "ON_TIME",
    "SCALAR_FACETS",
    "SORTS",
    "TYPO_FACTOR",
    "Ranked",
    "documents",
    "field_terms",
    "match_scores",
    "normalise",
    "postings",
    "query_words",
    "rank",
    "related",
    "stem",
    "tag_links",
    "tokens",
    "typo_eligible",
    "variants",
    "within_one_edit",
]
