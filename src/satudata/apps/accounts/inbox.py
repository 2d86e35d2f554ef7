"""Marking a user's notifications as read: the one write of the notification pages."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications (all, or those in `ids`) as read; returns how many."""
    unread = user.notifications.filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
