"""A small in-process cache for search: the catalog a viewer may see and recent matches.

Entries are keyed by the index's token (see `models.IndexState`), so a change of the index is
seen by every process on its next search; they also expire after `SEARCH_CACHE_SECONDS`, which
bounds how stale what the index does not track (use counts) may get. Without a token (nothing
indexed yet) nothing is kept."""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TypeVar

from django.conf import settings
from django.db import connection

from satudata.apps.search.models import IndexState

T = TypeVar("T")
TOKEN_SQL = f"SELECT token FROM {IndexState._meta.db_table} WHERE id = 1"  # noqa: S608


def current_token() -> str | None:
    """The index's token, read with plain SQL: every search and dataset page asks for it, and
    the query compiler would cost more than the query."""
    with connection.cursor() as cursor:
        cursor.execute(TOKEN_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


class Memo:
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str | None, key: Hashable, build: Callable[[], T]) -> T:
        ttl = settings.SEARCH_CACHE_SECONDS
        if token is None or ttl <= 0:
            return build()
        full_key = (token, key)
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(full_key)
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(full_key)
                return entry[1]  # type: ignore[return-value]
        value = build()
        with self._lock:
            self._entries[full_key] = (now + ttl, value)
            self._entries.move_to_end(full_key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def get_many(
        self,
        token: str | None,
        keys: Iterable[Hashable],
        build: Callable[[list[Hashable]], Mapping[Hashable, T]],
    ) -> dict[Hashable, T]:
        """The values of `keys`, those not kept built together by one call of `build` (which
        may leave out keys that have no value)."""
        wanted = list(dict.fromkeys(keys))
        ttl = settings.SEARCH_CACHE_SECONDS
        if token is None or ttl <= 0:
            return dict(build(wanted)) if wanted else {}
        now = time.monotonic()
        found: dict[Hashable, T] = {}
        with self._lock:
            for key in wanted:
                entry = self._entries.get((token, key))
                if entry is not None and entry[0] > now:
                    self._entries.move_to_end((token, key))
                    found[key] = entry[1]  # type: ignore[assignment]
        missing = [key for key in wanted if key not in found]
        if missing:
            built = build(missing)
            with self._lock:
                for key, value in built.items():
                    self._entries[(token, key)] = (now + ttl, value)
                    self._entries.move_to_end((token, key))
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            found.update(built)
        return found

    def may_hold(self, token: str | None, pk: int, ids: Callable[[], Iterable[int]]) -> bool:
        """Whether `pk` is among the ids that `ids` reads (the datasets that have some related
        row), kept under `token`: a page asks this before it queries the row itself, which most
        datasets lack. Every write that adds such a row renews the token; without a token or a
        cache the answer is True and the caller queries."""
        if token is None or settings.SEARCH_CACHE_SECONDS <= 0:
            return True
        return pk in self.get(token, "ids", lambda: frozenset(ids()))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
