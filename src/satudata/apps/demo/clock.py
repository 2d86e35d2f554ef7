"""A clock the demo can set back, so that its history (uploads, checks, publications and the
audit log) spreads over the years the data covers instead of the minute it was loaded."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.utils import timezone


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Make `django.utils.timezone.now()` return `moment` inside the block (one thread only).

    The moment is given in UTC, as `now()` itself does: what is stored must read back the same
    (the audit log hashes the time as written)."""
    original = timezone.now
    utc = moment.astimezone(UTC)
    timezone.now = lambda: utc
    try:
        yield
    finally:
        timezone.now = original
