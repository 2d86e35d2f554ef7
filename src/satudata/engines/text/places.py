"""Places named in posts, resolved to kode wilayah.

A `Gazetteer` holds the kecamatan and kelurahan of a city, and streets and landmarks carrying
the kode of the kelurahan or kecamatan they lie in, each with its aliases. `find` reads a post
("kel. sukasari", "di kecamatan cibodas", "jl. daan mogot", "macet di cipondoh") and gives every
mention with its span. A name is recognised as written anywhere in the text; after a word that
announces a place ("kel.", "kecamatan", "jl.", "di", "dekat" …) it is also recognised with
typos, through the typo-tolerant `PlaceIndex`. Names that are also common words ("benda",
"petir") or the city's own name count only after such a word, and never right after "kota"
or "kabupaten". `best` picks the most specific kode of a post's mentions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from satudata.engines.places import Place, PlaceIndex
from satudata.engines.places.names import normalise

KINDS = ("kecamatan", "kelurahan", "jalan", "landmark")
# Words that announce a place, and the kind of place they announce (None: any kind).
TRIGGERS: dict[str, str | None] = {
    "kel": "kelurahan",
    "kelurahan": "kelurahan",
    "desa": "kelurahan",
    "kec": "kecamatan",
    "kecamatan": "kecamatan",
    "jl": "jalan",
    "jln": "jalan",
    "jalan": "jalan",
    "di": None,
    "daerah": None,
    "wilayah": None,
    "sekitar": None,
    "dekat": None,
    "depan": None,
    "kawasan": None,
    "warga": None,
}
CITY_WORDS = frozenset({"kota", "kabupaten", "kab", "provinsi"})
AMBIGUOUS = frozenset({"benda", "petir", "pinang", "kenanga", "pajang", "gaga", "tangerang"})
MAX_WORDS = 4
MIN_UNANNOUNCED = 4
FUZZY_SCORE = 0.75
WORD = re.compile(r"[0-9A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One named place: its kode wilayah, name, kind and other names."""

    kode: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A place found in a text: `start`–`end` is its span (with the word announcing it) and
    `score` 1.0 for a name as written, less for a name with typos."""

    kode: str
    name: str
    kind: str
    start: int
    end: int
    score: float


def _key_words(name: str, kind: str) -> tuple[str, ...]:
    """The words a name is matched on: normalised, without "kelurahan", "jalan" … in front."""
    words = normalise(name).split()
    if len(words) > 1 and TRIGGERS.get(words[0]) == kind:
        words = words[1:]
    return tuple(words)


class Gazetteer:
    """The named places of a city, matched exactly and, where announced, with typos."""

    def __init__(
        self,
        entries: Iterable[Entry | tuple[str, str, str] | tuple[str, str, str, Sequence[str]]],
        *,
        ambiguous: Iterable[str] = AMBIGUOUS,
    ) -> None:
        self.entries: list[Entry] = []
        for item in entries:
            entry = (
                item if isinstance(item, Entry) else Entry(*item[:3], tuple(item[3:4] and item[3]))
            )
            if entry.kind not in KINDS:
                raise ValueError(f"unknown kind {entry.kind!r} for {entry.name!r}")
            self.entries.append(entry)
        self.ambiguous = frozenset(normalise(word) for word in ambiguous)
        self._phrases: dict[tuple[str, ...], list[int]] = {}
        places: list[Place] = []
        self._place_entry: dict[str, int] = {}
        for n, entry in enumerate(self.entries):
            for name in (entry.name, *entry.aliases):
                words = _key_words(name, entry.kind)
                if not words:
                    continue
                found = self._phrases.setdefault(words, [])
                if n not in found:
                    found.append(n)
                ident = f"{len(places):06d}"
                self._place_entry[ident] = n
                places.append(Place(ident, " ".join(words), entry.kind))
        self._index = PlaceIndex(places)
        self._fuzzy = lru_cache(maxsize=100_000)(self._search)

    def __len__(self) -> int:
        return len(self.entries)

    def _choose(self, candidates: Sequence[int], kind: str | None) -> int:
        """Of entries sharing a name, the one of the announced kind, else the broadest."""
        if kind is not None:
            for n in candidates:
                if self.entries[n].kind == kind:
                    return n
        return min(candidates, key=lambda n: KINDS.index(self.entries[n].kind))

    def _search(self, phrase: str, kind: str | None) -> tuple[int, float] | None:
        found = self._index.search(phrase, level=kind, limit=1)
        if not found or found[0].score < FUZZY_SCORE:
            return None
        return self._place_entry[found[0].place.kode], found[0].score

    def find(self, text: str) -> list[Mention]:
        """Every place mentioned in `text`, in order."""
        spans = [(m.group(0).lower(), m.start(), m.end()) for m in WORD.finditer(text)]
        words = [word for word, _, _ in spans]
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            before = words[i - 1] if i else ""
            announced = before in TRIGGERS
            kind = TRIGGERS.get(before)
            if words[i] in TRIGGERS or words[i] in CITY_WORDS or before in CITY_WORDS:
                i += 1
                continue
            found = self._match(words, i, announced, kind)
            if found is None:
                i += 1
                continue
            entry, size, score = found
            start = spans[i - 1][1] if announced else spans[i][1]
            item = self.entries[entry]
            mentions.append(
                Mention(item.kode, item.name, item.kind, start, spans[i + size - 1][2], score)
            )
            i += size
        return mentions

    def _match(
        self, words: list[str], i: int, announced: bool, kind: str | None
    ) -> tuple[int, int, float] | None:
        """The entry named at word `i`, the number of its words and the score."""
        for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            candidates = self._phrases.get(phrase)
            if candidates is None:
                continue
            joined = "".join(phrase)
            if not announced and (joined in self.ambiguous or len(joined) < MIN_UNANNOUNCED):
                continue
            return self._choose(candidates, kind), size, 1.0
        if not announced:
            return None
        for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
            fuzzy = self._fuzzy(" ".join(words[i : i + size]), kind)
            if fuzzy is not None:
                return fuzzy[0], size, fuzzy[1]
        return None


def best(mentions: Sequence[Mention]) -> str | None:
    """The most specific kode among `mentions`: deepest first, then the one most other
    mentions agree with (a kelurahan inside a kecamatan also named), then the best score."""
    if not mentions:
        return None

    def rank(mention: Mention) -> tuple[int, int, float]:
        support = sum(
            1 for other in mentions if other is not mention and mention.kode.startswith(other.kode)
        )
        return mention.kode.count("."), support, mention.score

    return max(mentions, key=rank).kode
