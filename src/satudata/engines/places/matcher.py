"""A typo-tolerant index of place names, ranked, filtered by level, by an ancestor code and by
whether a code is current.

Names are compared on their match key (`names.match_key`). A query finds: the code itself; the
same key; keys one or two edits away (two only for keys of 8 letters or more); places having
every word of the query, or whose words begin with its last word. Inside a small area (a city's
kelurahan) every name is compared; over the whole country the keys sharing most trigrams with the
query are compared. Built in about a second for the 91,600 Kemendagri areas; a lookup then
takes a few milliseconds."""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from satudata.engines.places.distance import bounded_distance
from satudata.engines.places.names import split_kind

CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
LEVEL_ORDER = {"provinsi": 0, "kabkota": 1, "kecamatan": 2, "desa": 3}
ONE_EDIT_LENGTH = 4
TWO_EDITS_LENGTH = 8
MIN_PREFIX = 3
SCAN_LIMIT = 4000
TRIGRAM_CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Place:
    """One area: its code, display name, level, its parent's name and whether it is current."""

    kode: str
    nama: str
    level: str
    parent: str | None = None
    current: bool = True


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place found for a query: `score` in 0–1 (1 is an exact match), `how` it was found
    (code, name, typo, words, prefix) and the `edits` between the match keys when compared."""

    place: Place
    score: float
    how: str
    edits: int | None = None


def allowed_edits(key: str) -> int:
    """Short names are matched exactly: one typo in them makes another name."""
    if len(key) >= TWO_EDITS_LENGTH:
        return 2
    return 1 if len(key) >= ONE_EDIT_LENGTH else 0


def trigrams(key: str) -> set[str]:
    padded = f" {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


Offer = Callable[[int, float, str, int | None], None]


@dataclass(frozen=True, slots=True)
class Query:
    kind: str | None
    words: tuple[str, ...]
    key: str
    edits: int


class PlaceIndex:
    """The places sorted by code, with their match keys, words and key trigrams."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: list[Place] = sorted(places, key=lambda p: p.kode)
        self._codes = [place.kode for place in self.places]
        self._kinds: list[str | None] = []
        self._words_of: list[frozenset[str]] = []
        self._keys: list[str] = []
        self._key_ids: dict[str, int] = {}
        self._key_of: array[int] = array("i")
        self._places_of_key: list[list[int]] = []
        words: dict[str, list[int]] = defaultdict(list)
        for n, place in enumerate(self.places):
            kind, rest = split_kind(place.nama)
            self._kinds.append(kind)
            own = frozenset(rest.split())
            self._words_of.append(own)
            for word in own:
                words[word].append(n)
            key = rest.replace(" ", "")
            key_id = self._key_ids.get(key)
            if key_id is None:
                key_id = self._key_ids[key] = len(self._keys)
                self._keys.append(key)
                self._places_of_key.append([])
            self._places_of_key[key_id].append(n)
            self._key_of.append(key_id)
        self._words = dict(words)
        self._sorted_words = sorted(self._words)
        grams: dict[tuple[str, int], array[int]] = defaultdict(lambda: array("i"))
        for key_id, key in enumerate(self._keys):
            for gram in trigrams(key):
                grams[gram, len(key)].append(key_id)
        self._grams = dict(grams)

    def __len__(self) -> int:
        return len(self.places)

    def get(self, kode: str) -> Place | None:
        n = bisect.bisect_left(self._codes, kode)
        return self.places[n] if n < len(self._codes) and self._codes[n] == kode else None

    def _range(self, within: str | None) -> range:
        """Positions of the places under `within` (codes sort their descendants together)."""
        if within is None:
            return range(len(self.places))
        start = bisect.bisect_left(self._codes, within + ".")
        return range(start, bisect.bisect_left(self._codes, within + "/", lo=start))

    def _prefixed(self, last: str, alone: bool) -> set[str]:
        """Words that begin with `last` (of at least three letters when it is the only word)."""
        found: set[str] = set()
        if alone and len(last) < MIN_PREFIX:
            return found
        start = bisect.bisect_left(self._sorted_words, last)
        for word in self._sorted_words[start:]:
            if not word.startswith(last):
                break
            if word != last:
                found.add(word)
        return found

    def _close_keys(self, query: Query) -> dict[int, int]:
        """Key ids within the allowed edits of the query's key, among those sharing most
        trigrams with it, with their distance."""
        if not query.edits:
            return {}
        shared: Counter[int] = Counter()
        length = len(query.key)
        for gram in trigrams(query.key):
            for size in range(length - query.edits, length + query.edits + 1):
                shared.update(self._grams.get((gram, size), ()))
        found: dict[int, int] = {}
        least = len(trigrams(query.key)) - 3 * query.edits
        for key_id, count in shared.most_common(TRIGRAM_CANDIDATES):
            if count < least:
                break
            distance = bounded_distance(query.key, self._keys[key_id], query.edits)
            if distance is not None:
                found[key_id] = distance
        return found

    def search(
        self,
        text: str,
        *,
        level: str | None = None,
        within: str | None = None,
        current: bool = True,
        limit: int = 10,
    ) -> list[Candidate]:
        """The best `limit` places for `text` (a name, with typos, or a code), best first."""
        text = text.strip()
        if limit < 1 or not text:
            return []
        scope = self._range(within)

        def keep(n: int) -> bool:
            place = self.places[n]
            return (
                n in scope
                and (level is None or place.level == level)
                and (place.current or not current)
            )

        if CODE.match(text):
            found = self.get(text)
            n = bisect.bisect_left(self._codes, text)
            return [Candidate(found, 1.0, "code", 0)] if found and keep(n) else []
        kind, rest = split_kind(text)
        key = rest.replace(" ", "")
        if not key:
            return []
        query = Query(kind, tuple(rest.split()), key, allowed_edits(key))
        best: dict[int, Candidate] = {}

        def offer(n: int, score: float, how: str, edits: int | None) -> None:
            if not keep(n):
                return
            if kind is not None and self._kinds[n] == kind:
                score += 0.02
            score = round(min(score, 1.0), 4)
            if n not in best or best[n].score < score:
                best[n] = Candidate(self.places[n], score, how, edits)

        if len(scope) <= SCAN_LIMIT:
            self._scan(query, scope, offer)
        else:
            self._lookup(query, offer)
        ranked = sorted(
            best.values(),
            key=lambda c: (-c.score, LEVEL_ORDER.get(c.place.level, 9), c.place.kode),
        )
        return ranked[:limit]

    def _key_score(self, query: Query, n: int, distance: int) -> float:
        if distance == 0:
            return 0.98
        other = self._keys[self._key_of[n]]
        return 0.9 * (1 - distance / max(len(query.key), len(other)))

    def _word_score(self, query: Query, n: int, whole: bool) -> float:
        share = len(query.key) / max(len(self._keys[self._key_of[n]]), 1)
        return 0.5 + 0.3 * share if whole else 0.4 + 0.2 * share

    def _scan(self, query: Query, scope: range, offer: Offer) -> None:
        """Compare the query with every place of a small area."""
        head, last = set(query.words[:-1]), query.words[-1]
        for n in scope:
            distance = bounded_distance(query.key, self._keys[self._key_of[n]], query.edits)
            if distance is not None:
                offer(n, self._key_score(query, n, distance), _how(distance), distance)
            own = self._words_of[n]
            if head <= own:
                if last in own:
                    offer(n, self._word_score(query, n, True), "words", None)
                elif (head or len(last) >= MIN_PREFIX) and any(w.startswith(last) for w in own):
                    offer(n, self._word_score(query, n, False), "prefix", None)

    def _lookup(self, query: Query, offer: Offer) -> None:
        """Find the query's places through the key, word and trigram tables."""
        exact = self._key_ids.get(query.key)
        if exact is not None:
            for n in self._places_of_key[exact]:
                offer(n, 0.98, "name", 0)
        head = [set(self._words.get(word, ())) for word in query.words[:-1]]
        last = query.words[-1]
        together = set.intersection(*head) if head else None
        whole = set(self._words.get(last, ()))
        for n in whole & together if together is not None else whole:
            offer(n, self._word_score(query, n, True), "words", None)
        for word in self._prefixed(last, alone=not head):
            for n in self._words[word]:
                if together is None or n in together:
                    offer(n, self._word_score(query, n, False), "prefix", None)
        for key_id, distance in self._close_keys(query).items():
            for n in self._places_of_key[key_id]:
                offer(n, self._key_score(query, n, distance), _how(distance), distance)


def _how(distance: int) -> str:
    return "typo" if distance else "name"
