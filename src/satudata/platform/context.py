from typing import Any

from django.conf import settings
from django.http import HttpRequest

from satudata.platform.access import viewer_of


def portal(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "FRAGMENT_SECONDS": settings.SEARCH_CACHE_SECONDS,
        "DEMO": settings.DEMO,
        "viewer": viewer_of(request),
        "unread_notifications": unread,
    }
