"""Indonesian text analysis for catalog search: normalise, tokenise, drop stopwords, stem.

`tokens(text)` gives the normalised words of a text (lowercase, accents and punctuation removed,
snake_case and camelCase split, stopwords dropped); `stem(word)` their Sastrawi stems, cached
because Sastrawi is slow per word; `field_terms(fields)` the weighted terms of a document."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

STOPWORDS = frozenset(
    [
        "ada",
        "adalah",
        "agar",
        "akan",
        "antara",
        "atas",
        "atau",
        "bagi",
        "bahwa",
        "baik",
        "bila",
        "dalam",
        "dan",
        "dapat",
        "dari",
        "dengan",
        "di",
        "dia",
        "ia",
        "ini",
        "itu",
        "jika",
        "juga",
        "ke",
        "kepada",
        "kami",
        "kita",
        "lain",
        "maupun",
        "masih",
        "mereka",
        "nya",
        "oleh",
        "pada",
        "para",
        "per",
        "saat",
        "sebagai",
        "secara",
        "sedang",
        "sejak",
        "serta",
        "setiap",
        "sudah",
        "tanpa",
        "telah",
        "tentang",
        "tersebut",
        "tidak",
        "untuk",
        "yaitu",
        "yakni",
        "yang",
        "the",
        "of",
        "and",
        "in",
        "for",
        "to",
        "by",
        "a",
        "an",
    ]
)
WORD = re.compile(r"[a-z0-9]+")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
MAX_WORD = 40


def normalise(text: str) -> str:
    """Lowercase ASCII: accents stripped, camelCase split, everything else kept for `tokens`."""
    text = CAMEL.sub(" ", text)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(text: str) -> list[str]:
    """The words of `text` in order, without stopwords and one-letter words."""
    return [
        word[:MAX_WORD]
        for word in WORD.findall(normalise(text))
        if len(word) > 1 and word not in STOPWORDS
    ]


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Sastrawi stem of one normalised word; numbers and short words stay as they are."""
    if len(word) < 4 or word.isdigit():
        return word
    return _stemmer().stem(word) or word


def query_words(text: str) -> list[str]:
    """The distinct words of a search query, in order."""
    return list(dict.fromkeys(tokens(text)))


def field_terms(fields: Iterable[tuple[int, str]]) -> tuple[dict[str, int], dict[str, str]]:
    """The terms of a document made of `(weight, text)` fields.

    Returns `(weights, words)`: each stem with the sum of the weights of the fields it occurs in
    (counted once per field, so repeating a word does not raise its rank), and each surface word
    with its stem (the vocabulary that typo tolerance searches)."""
    weights: dict[str, int] = {}
    words: dict[str, str] = {}
    for weight, text in fields:
        seen: set[str] = set()
        for word in tokens(text):
            term = words.setdefault(word, stem(word))
            if term not in seen:
                seen.add(term)
                weights[term] = weights.get(term, 0) + weight
    return weights, words
