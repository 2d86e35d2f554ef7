"""The walidata's dashboard: per OPD, for a chosen period, planned vs submitted vs published,
on-time share, returns, mean time to fix, quality score and the trend by month; a ranking; and the
same figures for one OPD's page. Every count is over the datasets the viewer may see, in a fixed
number of grouped queries whatever the number of OPDs and datasets."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Transition
from satudata.apps.monitoring.models import DatasetQuality, PlannedElement, Release
from satudata.platform import access

RANK_KEYS = ("score", "quality", "on_time", "published", "name")


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def months(self) -> list[date]:
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        return months


def default_period(today: date) -> Period:
    return Period(date(today.year, 1, 1), today)


@dataclass
class OrgFigures:
    organisation: Organisation
    datasets: int = 0
    planned: int = 0
    submitted: int = 0
    published: int = 0
    releases: int = 0
    timed: int = 0
    on_time_count: int = 0
    returned: int = 0
    fixes: int = 0
    fix_days: float = 0.0
    quality: float | None = None
    trend: list[int] = field(default_factory=list)
    rank: int = 0

    @property
    def on_time(self) -> int | None:
        return round(100 * self.on_time_count / self.timed) if self.timed else None

    @property
    def mean_fix_days(self) -> float | None:
        return round(self.fix_days / self.fixes, 1) if self.fixes else None

    @property
    def planned_share(self) -> int | None:
        return (
            round(100 * min(self.published, self.planned) / self.planned) if self.planned else None
        )

    @property
    def score(self) -> float:
        """The ranking figure: the mean of on-time share, quality and planned share that exist."""
        parts = [p for p in (self.on_time, self.quality, self.planned_share) if p is not None]
        return round(sum(parts) / len(parts), 1) if parts else 0.0


@dataclass
class Dashboard:
    period: Period
    rows: list[OrgFigures]
    months: list[date]
    totals: OrgFigures


def _by_org(queryset: QuerySet, key: str, **aggregates: Any) -> dict[int, dict]:
    return {row[key]: row for row in queryset.values(key).annotate(**aggregates).order_by()}


def figures(
    viewer: access.Viewer, period: Period, organisations: QuerySet | None = None
) -> Dashboard:
    if organisations is None:
        organisations = Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS)
    visible = access.datasets(viewer).filter(organisation__in=organisations)
    through = access.dataset_q(viewer, "dataset__")
    datasets = _by_org(visible, "organisation_id", n=Count("pk"))
    planned = _by_org(
        PlannedElement.objects.filter(
            daftar__organisation__in=organisations, daftar__year__in=period.years
        ),
        "daftar__organisation_id",
        n=Count("pk"),
    )
    steps = _by_org(
        Transition.objects.filter(
            through,
            dataset__organisation__in=organisations,
            at__gte=period.since,
            at__lt=period.until,
            kind__in=[Transition.Kind.SUBMIT, Transition.Kind.RETURN],
        ),
        "dataset__organisation_id",
        submitted=Count("dataset_id", distinct=True, filter=Q(kind=Transition.Kind.SUBMIT)),
        returned=Count("pk", filter=Q(kind=Transition.Kind.RETURN)),
    )
    released = Release.objects.filter(
        through,
        organisation__in=organisations,
        published_at__gte=period.since,
        published_at__lt=period.until,
    )
    releases = _by_org(
        released,
        "organisation_id",
        n=Count("pk"),
        datasets=Count("dataset_id", distinct=True),
        timed=Count("pk", filter=Q(on_time__isnull=False)),
        on_time=Count("pk", filter=Q(on_time=True)),
        fixes=Sum("fixes"),
        fix_days=Sum("fix_days"),
    )
    quality = _by_org(
        DatasetQuality.objects.filter(through, dataset__organisation__in=organisations),
        "dataset__organisation_id",
        score=Avg("score"),
    )
    months = period.months()
    index = {month: i for i, month in enumerate(months)}
    trend: dict[int, list[int]] = {}
    for row in released.values("organisation_id", "month").annotate(n=Count("pk")).order_by():
        series = trend.setdefault(row["organisation_id"], [0] * len(months))
        if row["month"] in index:
            series[index[row["month"]]] = row["n"]
    rows = []
    for organisation in organisations.order_by("name"):
        pk = organisation.pk
        release = releases.get(pk, {})
        score = quality.get(pk, {}).get("score")
        rows.append(
            OrgFigures(
                organisation=organisation,
                datasets=datasets.get(pk, {}).get("n", 0),
                planned=planned.get(pk, {}).get("n", 0),
                submitted=steps.get(pk, {}).get("submitted", 0),
                published=release.get("datasets", 0),
                releases=release.get("n", 0),
                timed=release.get("timed", 0),
                on_time_count=release.get("on_time", 0),
                returned=steps.get(pk, {}).get("returned", 0),
                fixes=release.get("fixes") or 0,
                fix_days=release.get("fix_days") or 0.0,
                quality=round(score, 1) if score is not None else None,
                trend=trend.get(pk, [0] * len(months)),
            )
        )
    for rank, row in enumerate(sorted(rows, key=lambda r: -r.score), start=1):
        row.rank = rank
    return Dashboard(period=period, rows=rows, months=months, totals=_totals(rows, months))


def _totals(rows: list[OrgFigures], months: list[date]) -> OrgFigures:
    total = OrgFigures(organisation=Organisation(name=""), trend=[0] * len(months))
    for row in rows:
        for name in (
            "datasets",
            "planned",
            "submitted",
            "published",
            "releases",
            "timed",
            "on_time_count",
            "returned",
            "fixes",
            "fix_days",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.trend = [a + b for a, b in zip(total.trend, row.trend, strict=True)]
    scores = [row.quality for row in rows if row.quality is not None]
    total.quality = round(sum(scores) / len(scores), 1) if scores else None
    return total


def ranked(rows: list[OrgFigures], sort: str) -> list[OrgFigures]:
    key = sort.lstrip("-")
    if key not in RANK_KEYS or key == "score":
        return sorted(rows, key=lambda r: r.rank)
    if key == "name":
        return sorted(rows, key=lambda r: r.organisation.name.lower())

    def value(row: OrgFigures) -> float:
        found = getattr(row, key)
        return -1.0 if found is None else float(found)

    return sorted(rows, key=value, reverse=not sort.startswith("-"))
