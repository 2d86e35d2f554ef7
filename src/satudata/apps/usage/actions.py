"""Counting use without slowing pages: each hit only adds to a counter in this process; the
counters go to the database in one batch (inserts of missing day rows, then increments sent
with `executemany`: a CASE per dataset would cost the query compiler a tenth of a second) every
`SATUDATA_USAGE_FLUSH_SECONDS` or `SATUDATA_USAGE_FLUSH_HITS` hits, after the response was sent,
at exit, and on demand (`flush()`, the `flush_usage` command, the walidata's usage page)."""

import logging
import threading
import time
from collections import Counter
from datetime import date
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from satudata.apps.catalog.models import Dataset
from satudata.apps.usage.models import DailyUsage, Kind

log = logging.getLogger("satudata.usage")

Key = tuple[str, date, str]


class UsageBuffer:
    """Hits per (dataset slug, day, kind) not yet written, and the database they belong to;
    safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[Key] = Counter()
        self._hits = 0
        self._last_flush = time.monotonic()
        self.database = ""

    def add(self, slug: str, kind: str, day: date, database: str) -> None:
        with self._lock:
            self._counts[(slug, day, kind)] += 1
            self._hits += 1
            self.database = database

    def due(self) -> bool:
        with self._lock:
            if not self._hits:
                return False
            waited = time.monotonic() - self._last_flush
            return self._hits >= settings.USAGE_FLUSH_HITS or waited >= settings.USAGE_FLUSH_SECONDS

    def take(self) -> Counter[Key]:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._hits = 0
            self._last_flush = time.monotonic()
            return counts

    def give_back(self, counts: Counter[Key]) -> None:
        with self._lock:
            self._counts.update(counts)
            self._hits += sum(counts.values())

    def pending(self) -> int:
        with self._lock:
            return self._hits


BUFFER = UsageBuffer()


def record(slug: str, kind: Kind) -> None:
    """One view, download or API call of the dataset `slug` (already known to be visible)."""
    BUFFER.add(slug, kind.value, timezone.localdate(), _database())


def _database() -> str:
    return str(connection.settings_dict["NAME"])


def _quoted(model: Any, *columns: str) -> tuple[str, ...]:
    quote = connection.ops.quote_name
    return (quote(model._meta.db_table), *(quote(model._meta.get_field(c).column) for c in columns))


def _daily_update() -> str:
    table, *kinds, dataset, day = _quoted(DailyUsage, *Kind.values, "dataset", "day")
    increments = ", ".join(f"{kind} = {kind} + %s" for kind in kinds)
    return f"UPDATE {table} SET {increments} WHERE {dataset} = %s AND {day} = %s"  # noqa: S608


def _total_update() -> str:
    table, use_count, pk = _quoted(Dataset, "use_count", "id")
    return f"UPDATE {table} SET {use_count} = {use_count} + %s WHERE {pk} = %s"  # noqa: S608


@transaction.atomic
def do_write(counts: Counter[Key]) -> int:
    """Adds the counts to the daily rows and to `Dataset.use_count`; counts of datasets that no
    longer exist are dropped. Returns the number of hits written."""
    ids = dict(
        Dataset.objects.filter(slug__in={slug for slug, _day, _kind in counts}).values_list(
            "slug", "pk"
        )
    )
    by_day: dict[date, dict[int, Counter[str]]] = {}
    totals: Counter[int] = Counter()
    for (slug, day, kind), n in counts.items():
        pk = ids.get(slug)
        if pk is None:
            continue
        by_day.setdefault(day, {}).setdefault(pk, Counter())[kind] += n
        totals[pk] += n
    with connection.cursor() as cursor:
        for day, per_dataset in by_day.items():
            DailyUsage.objects.bulk_create(
                [DailyUsage(dataset_id=pk, day=day) for pk in sorted(per_dataset)],
                ignore_conflicts=True,
            )
            cursor.executemany(
                _daily_update(),
                [
                    (*(c[kind] for kind in Kind.values), pk, day)
                    for pk, c in sorted(per_dataset.items())
                ],
            )
        if totals:
            cursor.executemany(_total_update(), [(n, pk) for pk, n in sorted(totals.items())])
    return sum(totals.values())


def flush(*, at_exit: bool = False) -> int:
    """Writes what this process counted so far; on a database error the counts are kept for the
    next flush. Counts made against another database (one since closed, such as a test
    database) are dropped. Returns the number of hits written."""
    database = BUFFER.database
    counts = BUFFER.take()
    if not counts or database != _database():
        return 0
    try:
        return do_write(counts)
    except DatabaseError as exc:
        if at_exit:
            log.warning("usage counters of %s hits lost at exit: %s", counts.total(), exc)
            return 0
        BUFFER.give_back(counts)
        log.warning("usage counters kept for the next flush", exc_info=True)
        return 0


def flush_if_due(**_signal: Any) -> None:
    if BUFFER.due():
        flush()


def flush_quietly() -> None:
    """At exit: the database may already be gone; what cannot be written is lost."""
    try:
        flush(at_exit=True)
    except Exception:
        log.warning("usage counters lost at exit", exc_info=True)
