"""What an indicator's page shows: the latest city value beside its target, the time series as a
chart (and its table), the ranking of kecamatan or kelurahan for a chosen period, and the same
values as a choropleth of Satu Peta's boundaries when the portal holds them."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from satudata.apps.geo import thematic
from satudata.apps.geo.models.layer_style import METHOD_LABELS
from satudata.apps.indicators import queries
from satudata.apps.indicators.models import Indicator, Level
from satudata.platform.access import Viewer

LEVEL_LABELS = dict(Level.choices)


@dataclass(frozen=True)
class Choice:
    level: str = ""
    period: str = ""
    method: str = ""
    classes: int = 5


def chart_of(indicator: Indicator, points: list[queries.Point]) -> dict[str, Any]:
    series = [{"name": _("Actual"), "values": [p.value for p in points], "type": "line"}]
    if any(p.target is not None for p in points):
        series.append({"name": _("Target"), "values": [p.target for p in points], "type": "line"})
    return {
        "type": "line",
        "labels": [p.period for p in points],
        "values": series[0]["values"],
        "series": series,
        "x": _("Period"),
        "y": indicator.unit,
    }


def _change(latest: queries.Point | None, previous: queries.Point | None) -> float | None:
    if latest is None or previous is None or latest.value is None or previous.value is None:
        return None
    return latest.value - previous.value


def _verdict(indicator: Indicator, point: queries.Point | None) -> str:
    """Whether the latest value reached its period's target, in the indicator's direction."""
    if point is None or point.value is None or point.target is None:
        return ""
    up = indicator.direction == Indicator.Direction.UP
    reached = point.value >= point.target if up else point.value <= point.target
    return "tercapai" if reached else "belum"


def context(viewer: Viewer, indicator: Indicator, choice: Choice) -> dict[str, Any]:
    points = queries.series(indicator)
    actual = [p for p in points if p.value is not None]
    latest = actual[-1] if actual else None
    previous = actual[-2] if len(actual) > 1 else None
    levels = queries.levels_present(indicator)
    level = choice.level if choice.level in levels else (levels[0] if levels else "")
    periods = queries.periods_of(indicator, level) if level else []
    period = choice.period if choice.period in periods else (periods[-1] if periods else "")
    ranked = queries.ranking(indicator, period, level) if period else []
    measure = f"{indicator.name} ({indicator.unit})"
    found_map = (
        thematic.values_map(
            {r.kode: r.value for r in ranked}, measure, choice.method, choice.classes
        )
        if ranked
        else None
    )
    return {
        "indicator": indicator,
        "points": points,
        "latest": latest,
        "previous": previous,
        "change": _change(latest, previous),
        "verdict": _verdict(indicator, latest),
        "chart": chart_of(indicator, points) if points else None,
        "levels": [(value, LEVEL_LABELS[value]) for value in levels],
        "level": level,
        "level_label": LEVEL_LABELS.get(level, ""),
        "periods": periods,
        "period": period,
        "ranking": ranked,
        "thematic_map": found_map,
        "map_methods": METHOD_LABELS.items(),
        "targets": queries.targets_of(indicator),
        "ms_ind": queries.ms_ind_of(viewer, indicator),
        "can_manage": queries.manageable(viewer, indicator),
    }
