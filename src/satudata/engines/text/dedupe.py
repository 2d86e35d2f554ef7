"""Duplicate posts: the same text posted again, and near copies of it (a repost with a word
added, a copy with other emoji or punctuation).

Texts are compared in their normalised form (`normalise.normalise`). An exact duplicate has the
same text; a near duplicate shares most of its three-word shingles with an earlier post
(estimated Jaccard similarity ≥ `threshold`, 0.8 by default). Near duplicates are found with
MinHash signatures of the shingles, computed for a whole batch at once, and locality-sensitive
hashing over bands of the signature: each band keeps, in a fixed-size table, the first post
seen in each of its buckets, so memory does not grow with the number of buckets. Every post is
reported as a duplicate of the first post of its group, never of another copy. Seeds are fixed:
the same posts in the same order give the same answer on every run."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

SEED = 20_240_515
BANDS = 10
ROWS = 5
THRESHOLD = 0.8
TABLE_BITS = 22
PERMUTATION_CHUNK = 10
EMPTY = -1
MIX = np.uint64(0x9E3779B97F4A7C15)

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


class _WordHashes(dict[str, int]):
    """crc32 of each word, computed once."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


class Deduper:
    """Remembers the posts it has been given and says which of the new ones repeat them."""

    def __init__(
        self,
        *,
        threshold: float = THRESHOLD,
        bands: int = BANDS,
        rows: int = ROWS,
        table_bits: int = TABLE_BITS,
        seed: int = SEED,
    ) -> None:
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.bands = bands
        self.rows = rows
        perms = bands * rows
        generator = np.random.default_rng(seed)
        self._a = generator.integers(1, 2**63, size=perms, dtype=np.uint64) | np.uint64(1)
        self._b = generator.integers(0, 2**63, size=perms, dtype=np.uint64)
        self._band_mix = generator.integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
        self._mask = np.uint64((1 << table_bits) - 1)
        self._tables = np.full((bands, 1 << table_bits), EMPTY, dtype=np.int32)
        self._store = np.zeros((0, perms), dtype=np.uint32)
        self._roots = np.zeros(0, dtype=np.int32)
        self._keys: list[str] = []
        self._exact: dict[int, int] = {}
        self._words = _WordHashes()

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, normalised_text: str) -> str | None:
        """The key of the earlier post that `normalised_text` repeats, else None."""
        return self.find_duplicates([key], [normalised_text])[0]

    def find_duplicates(self, keys: Sequence[str], texts: Sequence[str]) -> list[str | None]:
        """For each post in order, the key of the earlier post (of this batch or before) it
        repeats, else None; every post is then remembered."""
        if len(keys) != len(texts):
            raise ValueError("keys and texts must have the same length")
        count = len(texts)
        if not count:
            return []
        start = len(self._keys)
        positions = np.arange(start, start + count, dtype=np.int64)
        signatures, has_shingles = self._signatures_of(texts)
        self._grow(start + count)
        self._store[start : start + count] = signatures
        roots = positions.copy()
        exact = self._exact_matches(texts, start)
        candidates = self._candidates(signatures, positions)
        banded = ((candidates != EMPTY) & (candidates < positions[:, None])).any(axis=1)
        banded &= has_shingles
        for row in np.flatnonzero(banded | (exact != EMPTY)).tolist():
            earlier = int(exact[row])
            if earlier == EMPTY:
                earlier = self._closest(row, start + row, candidates[row], signatures)
            if earlier != EMPTY:
                roots[row] = self._roots[earlier] if earlier < start else roots[earlier - start]
        self._roots[start : start + count] = roots
        self._keys.extend(keys)
        return [
            None if root == position else self._keys[root]
            for root, position in zip(roots.tolist(), positions.tolist(), strict=True)
        ]

    def _grow(self, size: int) -> None:
        """Room for the signatures and groups of `size` posts."""
        if size <= len(self._roots):
            return
        capacity = max(size, 2 * len(self._roots), 1024)
        store = np.zeros((capacity, self._store.shape[1]), dtype=np.uint32)
        store[: len(self._keys)] = self._store[: len(self._keys)]
        roots = np.zeros(capacity, dtype=np.int32)
        roots[: len(self._keys)] = self._roots[: len(self._keys)]
        self._store, self._roots = store, roots

    def _exact_matches(self, texts: Sequence[str], start: int) -> I64:
        """For each text, the first post with the same text, or EMPTY when it is the first."""
        remember = self._exact.setdefault
        found = np.fromiter(
            (remember(_digest(text), start + n) for n, text in enumerate(texts)),
            dtype=np.int64,
            count=len(texts),
        )
        found[found == np.arange(start, start + len(texts))] = EMPTY
        return found

    def _shingles(self, texts: Sequence[str]) -> tuple[U64, I64, npt.NDArray[np.bool_]]:
        """The hashes of every text's word 3-shingles (one shingle of its words when it has
        fewer than three), the text each shingle belongs to, and whether a text has any."""
        words = [text.split() for text in texts]
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        hashes = np.fromiter(
            map(self._words.__getitem__, chain.from_iterable(words)),
            dtype=np.uint64,
            count=int(lengths.sum()),
        )
        hashes = np.concatenate([hashes, np.zeros(2, dtype=np.uint64)])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        per_text = np.where(lengths >= 3, lengths - 2, np.minimum(lengths, 1))
        owner = np.repeat(np.arange(len(texts), dtype=np.int64), per_text)
        first = np.repeat(starts, per_text)
        within = np.arange(len(owner), dtype=np.int64) - np.repeat(
            np.cumsum(per_text) - per_text, per_text
        )
        position = first + within
        end = np.repeat(starts + lengths, per_text)
        second = np.where(position + 1 < end, hashes[position + 1], np.uint64(0))
        third = np.where(position + 2 < end, hashes[position + 2], np.uint64(0))
        shingles = (hashes[position] * MIX + second) * MIX + third
        return shingles, owner, per_text > 0

    def _signatures_of(
        self, texts: Sequence[str]
    ) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
        shingles, owner, has_shingles = self._shingles(texts)
        perms = len(self._a)
        signatures = np.full((len(texts), perms), np.iinfo(np.uint32).max, dtype=np.uint32)
        if not len(shingles):
            return signatures, has_shingles
        breaks = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        rows = owner[breaks]
        for low in range(0, perms, PERMUTATION_CHUNK):
            high = min(low + PERMUTATION_CHUNK, perms)
            values = (shingles[:, None] * self._a[None, low:high] + self._b[None, low:high]) >> 32
            signatures[rows, low:high] = np.minimum.reduceat(values, breaks, axis=0)
        return signatures, has_shingles

    def _candidates(self, signatures: npt.NDArray[np.uint32], positions: I64) -> I64:
        """For each text and band, the first post remembered in the text's bucket (the text
        itself when it is the first)."""
        found = np.empty((len(positions), self.bands), dtype=np.int64)
        wide = signatures.astype(np.uint64)
        for band in range(self.bands):
            part = wide[:, band * self.rows : (band + 1) * self.rows]
            bucket = (part * self._band_mix).sum(axis=1, dtype=np.uint64)
            slots = ((bucket ^ (bucket >> np.uint64(29))) & self._mask).astype(np.int64)
            table = self._tables[band]
            unique, first = np.unique(slots, return_index=True)
            empty = table[unique] == EMPTY
            table[unique[empty]] = positions[first[empty]]
            found[:, band] = table[slots]
        return found

    def _closest(
        self, row: int, position: int, candidates: I64, signatures: npt.NDArray[np.uint32]
    ) -> int:
        """The earliest candidate whose estimated similarity reaches the threshold."""
        earlier = np.unique(candidates[(candidates != EMPTY) & (candidates < position)])
        if not len(earlier):
            return EMPTY
        similarity = (self._store[earlier] == signatures[row]).mean(axis=1)
        close = earlier[similarity >= self.threshold]
        return int(close[0]) if len(close) else EMPTY


def find_duplicates(keys: Sequence[str], texts: Sequence[str]) -> list[str | None]:
    """The duplicates among one set of posts (see `Deduper.find_duplicates`)."""
    return Deduper().find_duplicates(keys, texts)
