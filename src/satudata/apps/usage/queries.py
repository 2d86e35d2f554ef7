"""The walidata's usage figures: per dataset and per organisation, views, downloads and API
calls in the last days and in all time, always through the access gate."""

from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from satudata.apps.usage.models import DailyUsage, Kind
from satudata.platform import access

RECENT_DAYS = 30
DATASET_COLUMNS = (
    "slug",
    "title",
    "organisation",
    *(f"{kind}_recent" for kind in Kind.values),
    *(f"{kind}_all" for kind in Kind.values),
    "total_recent",
    "total_all",
)
ORGANISATION_COLUMNS = ("slug", "name", *DATASET_COLUMNS[3:])


def _sums(since: date) -> dict[str, Any]:
    recent = Q(day__gte=since)
    sums: dict[str, Any] = {}
    for kind in Kind.values:
        sums[f"{kind}_recent"] = Coalesce(Sum(kind, filter=recent), 0)
        sums[f"{kind}_all"] = Coalesce(Sum(kind), 0)
    every = F("views") + F("downloads") + F("api_calls")
    sums["total_recent"] = Coalesce(Sum(every, filter=recent), 0)
    sums["total_all"] = Coalesce(Sum(every), 0)
    return sums


def _visible(viewer: access.Viewer) -> QuerySet:
    return DailyUsage.objects.filter(dataset__in=access.datasets(viewer).values("pk"))


def since(today: date, days: int = RECENT_DAYS) -> date:
    return today - timedelta(days=days - 1)


def per_dataset(viewer: access.Viewer, today: date) -> QuerySet:
    """One row per used dataset, the most used (all time) first."""
    return (
        _visible(viewer)
        .values(
            slug=F("dataset__slug"),
            title=F("dataset__title"),
            organisation=F("dataset__organisation__name"),
        )
        .annotate(**_sums(since(today)))
        .order_by("-total_all", "-total_recent", "slug")
    )


def per_organisation(viewer: access.Viewer, today: date) -> QuerySet:
    return (
        _visible(viewer)
        .values(
            slug=F("dataset__organisation__slug"),
            name=F("dataset__organisation__name"),
        )
        .annotate(**_sums(since(today)))
        .order_by("-total_all", "-total_recent", "name")
    )


def totals(viewer: access.Viewer, today: date) -> dict[str, int]:
    return _visible(viewer).aggregate(**_sums(since(today)))
