"""The figures the platform holds for the indicators it has evidence for, and the level each
figure proposes (rules in data/proposal_rules.json), with the reasoning in words.

Scope: the city (every dataset) or one OPD (its datasets). Only counts leave this module,
never a dataset's title, so the figures of closed datasets do not leak."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satudata.apps.bigdata.models import Run
from satudata.apps.catalog.checks import REQUIRED_METADATA
from satudata.apps.catalog.models import AccessLevel, Dataset
from satudata.apps.catalog.models.choices import FREKUENSI_DAYS, OPEN_LICENCES
from satudata.apps.epss import reference
from satudata.apps.monitoring.queries import late_q
from satudata.apps.usage.models import DailyUsage
from satudata.engines.stats.epss_proposals import Figure, Proposal, propose

BIG_DATA_TAGS = ("big data", "big-data", "bigdata")
USAGE_DAYS = 365

Counter = Callable[[QuerySet, date], tuple[Figure, dict[str, Any]]]

REASONS = {
    "standard_adopted": gettext_lazy(
        "%(n)s of %(d)s published datasets (%(share)s) have adopted a data standard "
        "(Standar Data Statistik) set by a pembina data."
    ),
    "metadata_complete": gettext_lazy(
        "%(n)s of %(d)s published datasets (%(share)s) have every required metadata field "
        "filled (description, topic, frequency, period, coverage, steward and e-mail, rujukan)."
    ),
    "kode_referensi": gettext_lazy(
        "%(n)s of %(d)s published datasets (%(share)s) carry a kode wilayah column or a "
        "declared kode referensi."
    ),
    "on_time": gettext_lazy(
        "%(n)s of %(d)s published datasets with a fixed update frequency (%(share)s) are not "
        "late; %(late)s are late."
    ),
    "open_formats": gettext_lazy(
        "%(n)s of %(d)s published datasets (%(share)s) are open (terbuka) under an open "
        "licence, so the portal offers them as CSV, XLSX, JSON and Parquet and through the API."
    ),
    "disseminated": gettext_lazy(
        "%(n)s of %(d)s datasets (%(share)s) are published on the portal, %(open)s of them "
        "open; %(downloads)s downloads and %(api_calls)s API calls in the last 365 days."
    ),
    "big_data": gettext_lazy(
        "%(n)s published datasets are tagged as Big Data (the Big Data module publishes its "
        "aggregates with this tag); the module analysed %(posts)s public posts in %(runs)s runs "
        "in the last 365 days. Attach the studies and the decisions that used them as evidence."
    ),
}


def _share(figure: Figure) -> str:
    return f"{round(100 * figure.value)}%" if figure.denominator else "0%"


def _published(datasets: QuerySet) -> QuerySet:
    return datasets.filter(published_version__isnull=False)


def _standard_adopted(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    published = _published(datasets)
    adopted = published.filter(standard_adoption__isnull=False).count()
    return Figure(adopted, published.count()), {}


def _metadata_complete(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    rows = list(_published(datasets).values(*REQUIRED_METADATA))
    complete = sum(1 for row in rows if all(row[f] not in (None, "") for f in REQUIRED_METADATA))
    return Figure(complete, len(rows)), {}


def _has_kode(row: dict[str, Any]) -> bool:
    fields = row["published_version__fields"] or []
    return bool(row["kode_referensi"].strip()) or any(
        f.get("role") == "kode_wilayah" for f in fields if isinstance(f, dict)
    )


def _kode_referensi(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    rows = list(_published(datasets).values("kode_referensi", "published_version__fields"))
    return Figure(sum(1 for row in rows if _has_kode(row)), len(rows)), {}


def _on_time(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    dynamic = _published(datasets).filter(frekuensi__in=list(FREKUENSI_DAYS))
    total = dynamic.count()
    late = dynamic.filter(late_q(today)).count()
    return Figure(total - late, total), {"late": late}


def _open_formats(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    published = _published(datasets)
    open_ = published.filter(access_level=AccessLevel.TERBUKA, licence__in=list(OPEN_LICENCES))
    return Figure(open_.count(), published.count()), {}


def _disseminated(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    published = _published(datasets)
    usage = DailyUsage.objects.filter(
        dataset__in=published.values("pk"), day__gte=today - timedelta(days=USAGE_DAYS - 1)
    ).aggregate(downloads=Sum("downloads"), api_calls=Sum("api_calls"))
    extra = {
        "open": published.filter(access_level=AccessLevel.TERBUKA).count(),
        "downloads": usage["downloads"] or 0,
        "api_calls": usage["api_calls"] or 0,
    }
    return Figure(published.count(), datasets.count()), extra


def _big_data(datasets: QuerySet, today: date) -> tuple[Figure, dict[str, Any]]:
    tagged = _published(datasets).filter(tags__name__in=BIG_DATA_TAGS).distinct().count()
    runs = Run.objects.filter(
        status=Run.Status.DONE, created_at__date__gt=today - timedelta(days=365)
    ).aggregate(runs=Count("pk"), posts=Sum("rows_kept"))
    return Figure(tagged, kind="count"), {"runs": runs["runs"], "posts": runs["posts"] or 0}


COUNTERS: dict[str, Counter] = {
    "standard_adopted": _standard_adopted,
    "metadata_complete": _metadata_complete,
    "kode_referensi": _kode_referensi,
    "on_time": _on_time,
    "open_formats": _open_formats,
    "disseminated": _disseminated,
    "big_data": _big_data,
}


def scope(organisation_id: int | None) -> QuerySet:
    datasets = Dataset.objects.all()
    if organisation_id is not None:
        datasets = datasets.filter(organisation_id=organisation_id)
    return datasets


def proposals_for(organisation_id: int | None, today: date) -> dict[str, dict[str, Any]]:
    """Indicator code → {"level", "figures"} for every rule whose metric the platform counts."""
    datasets = scope(organisation_id)
    result = {}
    for code, rule in reference.proposal_rules().items():
        counter = COUNTERS.get(rule.metric)
        if counter is None:
            continue
        figure, extra = counter(datasets, today)
        figure = Figure(figure.numerator, figure.denominator, rule.kind)
        proposal: Proposal = propose(rule, figure)
        result[code] = {
            "level": proposal.level,
            "figures": {
                "metric": rule.metric,
                "kind": rule.kind,
                "numerator": figure.numerator,
                "denominator": figure.denominator,
                "thresholds": list(rule.thresholds),
                "extra": extra,
            },
        }
    return result


def _threshold_text(kind: str, thresholds: list[float]) -> str:
    if kind == "count":
        parts = [
            _("level %(level)s from %(value)s") % {"level": i + 2, "value": int(t)}
            for i, t in enumerate(thresholds)
        ]
    else:
        parts = [
            _("level %(level)s from %(value)s%%") % {"level": i + 2, "value": round(100 * t)}
            for i, t in enumerate(thresholds)
        ]
    return "; ".join(parts)


def reason(figures: dict[str, Any], level: int | None) -> str:
    """The proposal in words: what was counted, the thresholds, the level they give."""
    template = REASONS.get(figures.get("metric", ""))
    if template is None or level is None:
        return ""
    figure = Figure(figures["numerator"], figures["denominator"], figures.get("kind", "share"))
    values = {
        "n": figure.numerator,
        "d": figure.denominator,
        "share": _share(figure),
        **figures.get("extra", {}),
    }
    counted = str(template) % values
    rule = _("Thresholds: %(thresholds)s (level 1 below).") % {
        "thresholds": _threshold_text(figure.kind, figures.get("thresholds", []))
    }
    proposed = _("Proposed level: %(level)s.") % {"level": reference.LEVEL_LABELS[level]}
    limit = _(
        "Level 5 (pemutakhiran for quality) is never proposed from figures: it needs evidence."
    )
    return " ".join([counted, rule, proposed, limit])
