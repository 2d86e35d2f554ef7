"""Every write of the indicators app: definitions, values computed from published versions or
entered with their source, targets. Each runs in a transaction and leaves an audit entry.

A computed indicator is worked out from every version of its dataset that was ever published,
later publications winning a period; each new publication recomputes the periods it holds. When
a version cannot be computed (a column was renamed, say) the values already there stay and the
indicator carries the reason until it is fixed."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation, Role
from satudata.apps.accounts.notify import notify, people_with_role
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.indicators import compute
from satudata.apps.indicators.models import Indicator, Level, Target, Value
from satudata.apps.registry.models import Wilayah
from satudata.apps.statistics.models import Indikator
from satudata.engines.stats import entries as entry_engine
from satudata.platform import access, access_statistics, audit
from satudata.platform import access_indicators as rules
from satudata.platform.problems import translate_message

DEFINITION = (
    "name",
    "description",
    "unit",
    "decimals",
    "direction",
    "method",
    "formula",
    "wilayah_column",
    "period_column",
    "deepest_level",
)


@dataclass(frozen=True)
class Definition:
    name: str
    unit: str
    method: str
    description: str = ""
    decimals: int = 2
    direction: str = Indicator.Direction.UP
    dataset: Dataset | None = None
    formula: str = ""
    wilayah_column: str = ""
    period_column: str = ""
    deepest_level: str = Level.KOTA
    indikator: Indikator | None = None
    published: bool = False


class EntriesInvalid(ActionError):
    """Lines of entered values that break the rules, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            _("No value was saved: %(count)s problem(s) to correct.") % {"count": len(problems)}
        )


def _managed(user: Any, indicator: Indicator) -> access.Viewer:
    viewer = access.viewer_for(user)
    if not rules.can_manage(viewer, indicator):
        raise NotAllowed(
            _(
                "Only the produsen data of %(organisation)s and the walidata can change this "
                "indicator."
            )
            % {"organisation": indicator.organisation}
        )
    return viewer


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "indikator"
    slug, n = base, 2
    while Indicator.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _checked(viewer: access.Viewer, definition: Definition) -> None:
    if not definition.name.strip() or not definition.unit.strip():
        raise ActionError(_("Write the indicator's name and its unit (e.g. persen, jiwa, km)."))
    if (
        definition.indikator is not None
        and not access_statistics.kegiatan(viewer)
        .filter(pk=definition.indikator.kegiatan_id)
        .exists()
    ):
        raise ActionError(_("Choose an MS-Ind indicator of a kegiatan you may see."))
    if definition.method != Indicator.Method.COMPUTED:
        return
    dataset = definition.dataset
    if dataset is None or not access.public_datasets(viewer).filter(pk=dataset.pk).exists():
        raise ActionError(
            _("Choose a published dataset you may see to compute the indicator from.")
        )
    try:
        compute.check_definition(
            dataset.published_version,
            definition.formula,
            definition.wilayah_column,
            definition.period_column,
            definition.deepest_level,
        )
    except compute.ComputeError as error:
        raise ActionError(error.message) from error


@transaction.atomic
def check_save_indicator(
    *,
    user: Any,
    definition: Definition,
    organisation: Organisation | None = None,
    indicator: Indicator | None = None,
    ip: str = "",
) -> Indicator:
    """Define an indicator of `organisation`, or change `indicator`; a computed one is worked
    out from its dataset's published versions at once."""
    viewer = access.viewer_for(user)
    if indicator is None:
        if organisation is None or not rules.can_create_for(viewer, organisation.pk):
            raise NotAllowed(_("You may define indicators of your own OPD only."))
        indicator = Indicator(organisation=organisation, created_by=user)
    else:
        _managed(user, indicator)
    _checked(viewer, definition)
    created = indicator.pk is None
    for name in DEFINITION:
        setattr(indicator, name, getattr(definition, name))
    indicator.name = definition.name.strip()
    indicator.dataset = (
        definition.dataset if definition.method == Indicator.Method.COMPUTED else None
    )
    indicator.indikator = definition.indikator
    indicator.published = definition.published
    if created:
        indicator.slug = _unique_slug(indicator.name)
    indicator.save()
    if indicator.is_computed:
        do_recompute(indicator, strict=True)
    else:
        Value.objects.filter(indicator=indicator, computed=True).delete()
    audit.record(
        "indicator.create" if created else "indicator.update",
        actor=user,
        obj=indicator,
        detail={"method": indicator.method, "published": indicator.published},
        ip=ip,
    )
    return indicator


@transaction.atomic
def check_delete_indicator(*, user: Any, indicator: Indicator, ip: str = "") -> None:
    _managed(user, indicator)
    audit.record("indicator.delete", actor=user, obj=indicator, ip=ip)
    indicator.delete()


def _write(indicator: Indicator, version: Version, found: list[compute.Computed]) -> int:
    """Replace the values of the periods `found` holds with the computed ones."""
    periods = {item.period for item in found}
    Value.objects.filter(indicator=indicator, period__in=periods).delete()
    Value.objects.bulk_create(
        [
            Value(
                indicator=indicator,
                period=item.period,
                level=item.level,
                kode=item.kode,
                value=item.value,
                computed=True,
                version=version,
            )
            for item in found
        ]
    )
    return len(periods)


def _failed(indicator: Indicator, message: str) -> None:
    Indicator.objects.filter(pk=indicator.pk).update(error=message)
    indicator.error = message


def _computed(indicator: Indicator, version: Version) -> None:
    Indicator.objects.filter(pk=indicator.pk).update(
        error="", computed_at=timezone.now(), computed_version=version
    )
    indicator.error, indicator.computed_version = "", version


@transaction.atomic
def do_recompute(indicator: Indicator, *, strict: bool = False) -> int:
    """Work the indicator out again from every published version of its dataset; the number of
    periods written. With `strict`, a version that cannot be computed refuses the whole change
    (the definition is being saved); otherwise the reason is kept on the indicator."""
    if not indicator.is_computed or indicator.dataset is None:
        return 0
    history = compute.published_history(indicator.dataset)
    winners: dict[str, tuple[Version, list[compute.Computed]]] = {}
    for version in history:
        try:
            results = compute.run(indicator, version)
        except compute.ComputeError as error:
            if strict and version.pk == indicator.dataset.published_version_id:
                raise ActionError(error.message) from error
            continue
        for period in {item.period for item in results}:
            winners[period] = (version, [item for item in results if item.period == period])
    if not winners:
        _failed(indicator, _("No published version of the data gives a value for this indicator."))
        return 0
    Value.objects.filter(indicator=indicator, computed=True).delete()
    for version, items in winners.values():
        _write(indicator, version, items)
    written = len(winners)
    _computed(indicator, history[-1])
    return written


def do_apply_version(indicator: Indicator, version: Version) -> bool:
    """Recompute the periods `version` holds, after it was published; False (and the reason on
    the indicator, and a notice to its OPD) when it cannot be computed."""
    try:
        found = compute.run(indicator, version)
    except compute.ComputeError as error:
        _failed(indicator, error.message)
        notify(
            [
                *people_with_role(Role.PRODUSEN, indicator.organisation_id),
                *people_with_role(Role.WALIDATA_PENDUKUNG, indicator.organisation_id),
            ],
            "indicator_failed",
            {"indicator": indicator.name, "number": version.number, "reason": error.message},
            indicator.get_work_url(),
        )
        return False
    with transaction.atomic():
        _write(indicator, version, found)
        _computed(indicator, version)
    return True


def _wilayah_problems(found: list[entry_engine.Entry]) -> list[str]:
    codes = {entry.kode for entry in found if entry.kode}
    known = set(Wilayah.objects.filter(kode__in=codes).values_list("kode", flat=True))
    return [
        _("Line %(line)s, kode wilayah: %(kode)s is not in the kode wilayah reference.")
        % {"line": entry.line, "kode": entry.kode}
        for entry in found
        if entry.kode and entry.kode not in known
    ]


def _problem_text(problem: entry_engine.Problem) -> str:
    message = translate_message(problem.message, problem.params)
    if not problem.line:
        return message
    if problem.column:
        return _("Line %(line)s, %(column)s: %(message)s") % {
            "line": problem.line,
            "column": _(problem.column),
            "message": message,
        }
    return _("Line %(line)s: %(message)s") % {"line": problem.line, "message": message}


@transaction.atomic
def check_enter_values(*, user: Any, indicator: Indicator, text: str, ip: str = "") -> int:
    """Save the values typed or pasted in `text` (see engines.stats.entries); all or none. A
    value for a period and wilayah that already has one replaces it."""
    _managed(user, indicator)
    found, problems = entry_engine.parse(text)
    messages = [_problem_text(p) for p in problems] + _wilayah_problems(found)
    if messages:
        raise EntriesInvalid(messages)
    for entry in found:
        Value.objects.update_or_create(
            indicator=indicator,
            period=entry.period,
            kode=entry.kode,
            defaults={
                "level": entry.level,
                "value": entry.value,
                "computed": False,
                "version": None,
                "source": entry.source,
                "entered_by": user,
            },
        )
    audit.record(
        "indicator.values",
        actor=user,
        obj=indicator,
        detail={"count": len(found), "periods": sorted({e.period for e in found})},
        ip=ip,
    )
    return len(found)


@transaction.atomic
def check_delete_value(*, user: Any, value: Value, ip: str = "") -> None:
    _managed(user, value.indicator)
    if value.computed:
        raise ActionError(
            _("A computed value changes with the data: publish a corrected version instead.")
        )
    audit.record(
        "indicator.value.delete",
        actor=user,
        obj=value.indicator,
        detail={"period": value.period, "kode": value.kode},
        ip=ip,
    )
    value.delete()


@transaction.atomic
def check_save_target(
    *, user: Any, indicator: Indicator, period: str, value: float, source: str, ip: str = ""
) -> Target:
    """Set the city's target for `period` (e.g. from the RPJMD); replaces an earlier one."""
    _managed(user, indicator)
    period, source = period.strip(), source.strip()
    if not period or len(period) > entry_engine.MAX_PERIOD or not entry_engine.PERIOD.match(period):
        raise ActionError(_("Write the period of the target, e.g. 2026."))
    if not source:
        raise ActionError(_("Name the source of the target, e.g. RPJMD 2025–2029."))
    target, _created = Target.objects.update_or_create(
        indicator=indicator, period=period, defaults={"value": value, "source": source[:300]}
    )
    audit.record(
        "indicator.target",
        actor=user,
        obj=indicator,
        detail={"period": period, "value": value, "source": target.source},
        ip=ip,
    )
    return target


@transaction.atomic
def check_delete_target(*, user: Any, target: Target, ip: str = "") -> None:
    _managed(user, target.indicator)
    audit.record(
        "indicator.target.delete",
        actor=user,
        obj=target.indicator,
        detail={"period": target.period},
        ip=ip,
    )
    target.delete()


@transaction.atomic
def check_recompute(*, user: Any, indicator: Indicator, ip: str = "") -> int:
    _managed(user, indicator)
    if not indicator.is_computed:
        raise ActionError(_("This indicator's values are entered, not computed."))
    written = do_recompute(indicator)
    audit.record(
        "indicator.recompute", actor=user, obj=indicator, detail={"periods": written}, ip=ip
    )
    return written
