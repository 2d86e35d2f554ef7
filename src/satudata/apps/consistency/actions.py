"""Every write of the consistency app: declaring, running and retiring comparisons, and
storing what the comparison engine found. Each is audited."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.consistency.models import (
    Comparison,
    ComparisonResult,
    PeriodGrain,
    ResultStatus,
    WilayahLevel,
)
from satudata.apps.search.actions import do_touch_index
from satudata.engines import compare as engine
from satudata.engines.compare.model import N_
from satudata.platform import access, audit, jobs, storage
from satudata.platform.models import Job

MAX_ROWS = 500
MAX_ONE_SIDED = 200
VALUE_TYPES = frozenset({"integer", "number"})
PERIOD_TYPES = frozenset({"integer", "date", "datetime"})
JOB_KIND = "consistency_compare"


@dataclass(frozen=True)
class SideSpec:
    dataset: Dataset
    value: str
    wilayah: str
    period: str = ""
    filter_column: str = ""
    filter_value: str = ""


@dataclass(frozen=True)
class Declaration:
    variable: str
    a: SideSpec
    b: SideSpec
    tolerance_absolute: float | None = None
    tolerance_percent: float | None = None
    wilayah_level: str = ""
    period_grain: str = "year"
    note: str = ""


def _walidata(user: Any) -> None:
    if not access.viewer_for(user).is_walidata:
        raise NotAllowed(_("Only the walidata can manage comparisons between datasets."))


def _fields(dataset: Dataset) -> dict[str, dict[str, Any]]:
    version = dataset.published_version
    return {f["name"]: f for f in (version.fields if version else [])}


def _column(
    fields: dict[str, dict[str, Any]], name: str, dataset: Dataset, what: str
) -> dict[str, Any]:
    if name not in fields:
        raise ActionError(
            _("Dataset “%(dataset)s” has no column “%(column)s” (chosen as the %(what)s).")
            % {"dataset": dataset.title, "column": name, "what": what}
        )
    return fields[name]


def looks_like_kode_wilayah(field: dict[str, Any]) -> bool:
    if field.get("role") == "kode_wilayah":
        return True
    name = f"{field.get('name', '')} {field.get('title', '')}".lower()
    return field.get("type") == "string" and ("kode" in name or "wilayah" in name)


def _check_side(side: SideSpec) -> None:
    dataset = side.dataset
    if dataset.published_version_id is None:
        raise ActionError(
            _("Dataset “%(dataset)s” has no published version yet: publish it first.")
            % {"dataset": dataset.title}
        )
    fields = _fields(dataset)
    value = _column(fields, side.value, dataset, _("value"))
    if value.get("type") not in VALUE_TYPES:
        raise ActionError(
            _("Column “%(column)s” of “%(dataset)s” does not hold numbers: choose a numeric value.")
            % {"column": side.value, "dataset": dataset.title}
        )
    wilayah = _column(fields, side.wilayah, dataset, _("kode wilayah"))
    if not looks_like_kode_wilayah(wilayah):
        raise ActionError(
            _(
                "Column “%(column)s” of “%(dataset)s” does not hold kode wilayah: choose the "
                "column with codes such as 36.71.01."
            )
            % {"column": side.wilayah, "dataset": dataset.title}
        )
    if side.period:
        period = _column(fields, side.period, dataset, _("period"))
        if period.get("type") not in PERIOD_TYPES:
            raise ActionError(
                _(
                    "Column “%(column)s” of “%(dataset)s” holds no years or dates: choose a "
                    "period column such as “tahun” or a date."
                )
                % {"column": side.period, "dataset": dataset.title}
            )
    if side.filter_column:
        _column(fields, side.filter_column, dataset, _("filter"))
        if not side.filter_value.strip():
            raise ActionError(
                _("Write the value of “%(column)s” to keep (for example “Jumlah”).")
                % {"column": side.filter_column}
            )


def _check_declaration(spec: Declaration) -> None:
    if not spec.variable.strip():
        raise ActionError(_("Name the variable both datasets report, e.g. “Jumlah penduduk”."))
    if spec.a.dataset.pk == spec.b.dataset.pk:
        raise ActionError(_("Choose two different datasets."))
    _check_side(spec.a)
    _check_side(spec.b)
    if bool(spec.a.period) != bool(spec.b.period):
        raise ActionError(_("Choose a period column on both sides, or on neither."))
    for value in (spec.tolerance_absolute, spec.tolerance_percent):
        if value is not None and value < 0:
            raise ActionError(_("A tolerance cannot be negative."))
    if spec.wilayah_level not in WilayahLevel.values:
        raise ActionError(_("Choose a level from the list."))
    if spec.period_grain not in PeriodGrain.values:
        raise ActionError(_("Choose year or month as the period of a date."))


def _side_fields(side: SideSpec, suffix: str) -> dict[str, Any]:
    return {
        f"dataset_{suffix}": side.dataset,
        f"value_{suffix}": side.value,
        f"wilayah_{suffix}": side.wilayah,
        f"period_{suffix}": side.period,
        f"filter_column_{suffix}": side.filter_column,
        f"filter_value_{suffix}": side.filter_value.strip() if side.filter_column else "",
    }


def _enqueue(comparison: Comparison, user: Any = None) -> Job:
    return jobs.enqueue(JOB_KIND, params={"comparison": comparison.pk}, user=user)


@transaction.atomic
def check_declare_comparison(user: Any, spec: Declaration, *, ip: str = "") -> Comparison:
    """Declare that two datasets report the same variable; the first comparison runs at once
    in the background."""
    _walidata(user)
    _check_declaration(spec)
    comparison = Comparison.objects.create(
        variable=spec.variable.strip(),
        **_side_fields(spec.a, "a"),
        **_side_fields(spec.b, "b"),
        tolerance_absolute=spec.tolerance_absolute,
        tolerance_percent=spec.tolerance_percent,
        wilayah_level=spec.wilayah_level,
        period_grain=spec.period_grain,
        declared_by=user,
        note=spec.note.strip(),
    )
    do_touch_index()
    audit.record(
        "comparison.declare",
        actor=user,
        obj=comparison,
        detail={"a": spec.a.dataset.slug, "b": spec.b.dataset.slug},
        ip=ip,
    )
    _enqueue(comparison, user)
    return comparison


@transaction.atomic
def check_run_comparison(user: Any, comparison: Comparison, *, ip: str = "") -> Job:
    _walidata(user)
    if not comparison.active:
        raise ActionError(_("This comparison was retired; declare it again to compare."))
    audit.record("comparison.run", actor=user, obj=comparison, ip=ip)
    return _enqueue(comparison, user)


@transaction.atomic
def check_retire_comparison(
    user: Any, comparison: Comparison, *, note: str = "", ip: str = ""
) -> Comparison:
    _walidata(user)
    if not comparison.active:
        raise ActionError(_("This comparison is already retired."))
    comparison.active = False
    if note.strip():
        comparison.note = note.strip()
    comparison.save(update_fields=["active", "note"])
    audit.record("comparison.retire", actor=user, obj=comparison, detail={"note": note}, ip=ip)
    return comparison


def _side(comparison: Comparison, suffix: str, version: Version) -> engine.Side:
    def field(name: str) -> str:
        return str(getattr(comparison, f"{name}_{suffix}"))

    return engine.Side(
        path=storage.absolute(version.parquet_path),
        value=field("value"),
        wilayah=field("wilayah"),
        period=field("period") or None,
        filter_column=field("filter_column") or None,
        filter_value=field("filter_value") or None,
    )


def outcome_for(
    comparison: Comparison, version_a: Version | None, version_b: Version | None
) -> dict[str, Any]:
    """Run the engine on two versions; the fields of a ComparisonResult (writes nothing)."""
    if version_a is None or version_b is None:
        message = N_("One of the two datasets has no published version.")
        return {"status": ResultStatus.ERROR, "error": {"message": message, "params": {}}}
    options = engine.Options(
        grain=engine.PeriodGrain(comparison.period_grain or "year"),
        level=engine.WilayahLevel(comparison.wilayah_level),
        max_rows=MAX_ROWS,
        memory_limit=settings.DUCKDB_MEMORY_LIMIT,
        threads=settings.DUCKDB_THREADS,
    )
    tolerance = engine.Tolerance(comparison.tolerance_absolute, comparison.tolerance_percent)
    try:
        found = engine.compare(
            _side(comparison, "a", version_a), _side(comparison, "b", version_b), tolerance, options
        )
    except engine.CompareError as exc:
        return {
            "status": ResultStatus.ERROR,
            "error": {"message": exc.message, "params": exc.params},
        }
    return {
        "status": ResultStatus.OK if found.consistent else ResultStatus.DISAGREE,
        "matched": found.matched,
        "disagreements": found.disagreements,
        "only_in_a": found.only_in_a,
        "only_in_b": found.only_in_b,
        "max_relative": found.max_relative,
        "rows": [r.as_dict() for r in found.rows],
        "only_a_rows": [r.as_dict() for r in found.only_a_rows[:MAX_ONE_SIDED]],
        "only_b_rows": [r.as_dict() for r in found.only_b_rows[:MAX_ONE_SIDED]],
        "sides": {"a": _summary(found.a), "b": _summary(found.b)},
    }


def _summary(summary: engine.SideSummary) -> dict[str, int]:
    return {
        "rows": summary.rows,
        "rows_kept": summary.rows_kept,
        "missing_keys": summary.missing_keys,
        "missing_values": summary.missing_values,
        "keys": summary.keys,
    }


def do_compute_comparison(comparison: Comparison) -> ComparisonResult:
    """Compare the two datasets' currently published versions and store the result as the
    comparison's latest (trusts the caller: the job handler)."""
    comparison = Comparison.objects.select_related(
        "dataset_a__published_version", "dataset_b__published_version"
    ).get(pk=comparison.pk)
    version_a = comparison.dataset_a.published_version
    version_b = comparison.dataset_b.published_version
    outcome = outcome_for(comparison, version_a, version_b)
    with transaction.atomic():
        result = ComparisonResult.objects.create(
            comparison=comparison, version_a=version_a, version_b=version_b, **outcome
        )
        Comparison.objects.filter(pk=comparison.pk).update(latest=result)
        audit.record(
            "comparison.compute",
            obj=comparison,
            detail={
                "status": result.status,
                "disagreements": result.disagreements,
                "versions": [
                    getattr(version_a, "number", None),
                    getattr(version_b, "number", None),
                ],
            },
        )
    return result


def do_recompute_for_dataset(dataset: Dataset) -> list[Job]:
    """Queue a comparison for every active pair that involves `dataset`."""
    pairs = Comparison.objects.filter(active=True).filter(
        dataset_a=dataset
    ) | Comparison.objects.filter(active=True, dataset_b=dataset)
    return [_enqueue(comparison) for comparison in pairs.distinct()]


@jobs.handler(JOB_KIND)
def compare_job(context: jobs.JobContext) -> dict[str, Any]:
    comparison = Comparison.objects.filter(pk=context.params.get("comparison")).first()
    if comparison is None:
        raise jobs.UserFacingError(_("The comparison no longer exists."))
    context.progress(0.1, _("Comparing the two datasets"))
    result = do_compute_comparison(comparison)
    return {"result": result.pk, "status": result.status, "disagreements": result.disagreements}
