"""Reads of the indicators app, always through `platform.access_indicators`: the lists, one
indicator's time series beside its targets, the ranking of kecamatan or kelurahan for a period,
and every value with its wilayah name for downloads."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.indicators.models import Indicator, Level, Target, Value
from satudata.apps.registry.models import Wilayah
from satudata.platform import access_indicators as rules
from satudata.platform import access_statistics
from satudata.platform.access import Viewer


@dataclass(frozen=True)
class Filters:
    organisasi: str = ""
    q: str = ""


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None
    target: float | None
    source: str


@dataclass(frozen=True)
class Ranked:
    rank: int
    kode: str
    wilayah: str
    value: float | None


@dataclass
class Summary:
    indicator: Indicator
    latest: Point | None = None
    previous: Point | None = None
    periods: list[str] = field(default_factory=list)


def period_key(period: str) -> tuple[Any, ...]:
    """Periods in time order: 2023 < 2024 < 2024-02 < 2024-10 (numbers compared as numbers)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", period))


def visible(viewer: Viewer) -> QuerySet:
    return rules.indicators(viewer).select_related("organisation", "dataset", "indikator__kegiatan")


def published(viewer: Viewer) -> QuerySet:
    return visible(viewer).filter(published=True)


def filtered(base: QuerySet, filters: Filters) -> QuerySet:
    if filters.organisasi:
        base = base.filter(organisation__slug=filters.organisasi)
    if filters.q:
        base = base.filter(Q(name__icontains=filters.q) | Q(description__icontains=filters.q))
    return base


def organisations_of(base: QuerySet) -> QuerySet:
    return Organisation.objects.filter(pk__in=base.values("organisation_id")).order_by("name")


def indicator_or_404(viewer: Viewer, slug: str) -> Indicator:
    found = visible(viewer).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def series(indicator: Indicator) -> list[Point]:
    """The city's value and target per period, in time order."""
    city = Value.objects.filter(indicator=indicator, level=Level.KOTA).select_related("version")
    values = {v.period: v for v in city}
    targets = {t.period: t for t in Target.objects.filter(indicator=indicator)}
    periods = sorted(set(values) | set(targets), key=period_key)
    return [
        Point(
            period,
            values[period].value if period in values else None,
            targets[period].value if period in targets else None,
            _source(values.get(period)),
        )
        for period in periods
    ]


def targets_of(indicator: Indicator) -> list[Target]:
    return sorted(Target.objects.filter(indicator=indicator), key=lambda t: period_key(t.period))


def _source(value: Value | None) -> str:
    if value is None:
        return ""
    if value.computed:
        return _("version %(number)s") % {"number": value.version.number} if value.version else ""
    return value.source


def summaries(indicators: list[Indicator]) -> list[Summary]:
    """Each indicator with its latest and previous city value, in one query."""
    by_indicator: dict[int, list[Value]] = {}
    rows = Value.objects.filter(indicator__in=[i.pk for i in indicators], level=Level.KOTA).only(
        "indicator_id", "period", "value", "source", "computed"
    )
    for row in rows:
        by_indicator.setdefault(row.indicator_id, []).append(row)
    found = []
    for indicator in indicators:
        values = sorted(by_indicator.get(indicator.pk, []), key=lambda v: period_key(v.period))
        points = [Point(v.period, v.value, None, v.source) for v in values]
        found.append(
            Summary(
                indicator,
                points[-1] if points else None,
                points[-2] if len(points) > 1 else None,
                [p.period for p in points],
            )
        )
    return found


def levels_present(indicator: Indicator) -> list[str]:
    present = set(
        Value.objects.filter(indicator=indicator)
        .exclude(level=Level.KOTA)
        .values_list("level", flat=True)
        .distinct()
    )
    return [level for level in (Level.KECAMATAN, Level.KELURAHAN) if level in present]


def periods_of(indicator: Indicator, level: str) -> list[str]:
    found = set(
        Value.objects.filter(indicator=indicator, level=level)
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(found, key=period_key)


def names_of(codes: set[str]) -> dict[str, str]:
    return dict(Wilayah.objects.filter(kode__in=codes).values_list("kode", "nama"))


def ranking(indicator: Indicator, period: str, level: str) -> list[Ranked]:
    """The kecamatan (or kelurahan) of `period`, best first by the indicator's direction; those
    without a value last. Equal values share a rank."""
    values = list(Value.objects.filter(indicator=indicator, level=level, period=period))
    names = names_of({v.kode for v in values})
    down = indicator.direction == Indicator.Direction.DOWN
    with_value = sorted(
        (v for v in values if v.value is not None),
        key=lambda v: (v.value if down else -v.value, v.kode),
    )
    found: list[Ranked] = []
    for position, item in enumerate(with_value, start=1):
        same = found and found[-1].value == item.value
        found.append(
            Ranked(
                found[-1].rank if same else position,
                item.kode,
                names.get(item.kode, ""),
                item.value,
            )
        )
    found += [
        Ranked(0, v.kode, names.get(v.kode, ""), None)
        for v in sorted(values, key=lambda v: v.kode)
        if v.value is None
    ]
    return found


def rows(indicator: Indicator) -> list[dict[str, Any]]:
    """Every value with its wilayah name and the city's target, for the CSV and XLSX files."""
    values = list(
        Value.objects.filter(indicator=indicator)
        .select_related("version")
        .order_by("level", "kode")
    )
    names = names_of({v.kode for v in values if v.kode})
    targets = dict(Target.objects.filter(indicator=indicator).values_list("period", "value"))
    order = {Level.KOTA: 0, Level.KECAMATAN: 1, Level.KELURAHAN: 2}
    values.sort(key=lambda v: (period_key(v.period), order.get(v.level, 3), v.kode))
    return [
        {
            "periode": v.period,
            "tingkat": v.level,
            "kode_wilayah": v.kode,
            "wilayah": names.get(v.kode, "") if v.kode else "",
            "nilai": v.value,
            "target": targets.get(v.period) if v.level == Level.KOTA else None,
            "satuan": indicator.unit,
            "sumber": _source(v),
        }
        for v in values
    ]


COLUMNS = ["periode", "tingkat", "kode_wilayah", "wilayah", "nilai", "target", "satuan", "sumber"]


def ms_ind_of(viewer: Viewer, indicator: Indicator) -> Any:
    """The MS-Ind entry behind the indicator, when the viewer may read it."""
    entry = indicator.indikator
    if entry is None:
        return None
    if not access_statistics.kegiatan(viewer).filter(pk=entry.kegiatan_id).exists():
        return None
    full = access_statistics.sees_all_metadata(viewer, entry.kegiatan)
    return entry if full or entry.akses_publik else None


def manageable(viewer: Viewer, indicator: Indicator) -> bool:
    return rules.can_manage(viewer, indicator)
