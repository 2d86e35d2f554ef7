"""An indicator's formula run over one published version, per period, for the city and down to
the indicator's deepest level, by the stats engine."""

from dataclasses import dataclass

import duckdb
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Transition, Version
from satudata.apps.indicators.models import Indicator, Level
from satudata.engines.stats import indicators as engine
from satudata.engines.tabular.model import FieldType
from satudata.platform import storage
from satudata.platform.problems import translate_message

NUMERIC = {FieldType.INTEGER.value, FieldType.NUMBER.value}
LEVELS = [Level.KOTA.value, Level.KECAMATAN.value, Level.KELURAHAN.value]


@dataclass(frozen=True)
class Computed:
    level: str
    period: str
    kode: str
    value: float | None


class ComputeError(Exception):
    """Why a version gave no values, in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def columns_of(version: Version) -> dict[str, bool]:
    """Each column's name and whether it holds numbers."""
    return {item["name"]: item.get("type") in NUMERIC for item in version.fields}


def explain(error: engine.FormulaError) -> str:
    return translate_message(error.message, error.params)


def levels_of(deepest: str) -> list[str]:
    return LEVELS[: LEVELS.index(deepest) + 1]


def check_definition(
    version: Version, formula: str, wilayah_column: str, period_column: str, deepest: str
) -> engine.Formula:
    """The compiled formula, or a ComputeError naming what does not fit the version's columns."""
    columns = columns_of(version)
    try:
        compiled = engine.parse(formula, columns)
    except engine.FormulaError as error:
        raise ComputeError(explain(error)) from error
    for column, label in ((wilayah_column, _("kode wilayah")), (period_column, _("period"))):
        if column and column not in columns:
            raise ComputeError(
                _("The %(what)s column “%(column)s” is not in version %(number)s of the data.")
                % {"what": label, "column": column, "number": version.number}
            )
    if deepest != Level.KOTA and not wilayah_column:
        raise ComputeError(_("Choose the column that holds the kode wilayah."))
    return compiled


def run(indicator: Indicator, version: Version) -> list[Computed]:
    """The indicator's values from `version`; the period is the period column's value, or the
    year the version was uploaded when the indicator has no period column."""
    formula = check_definition(
        version,
        indicator.formula,
        indicator.wilayah_column,
        indicator.period_column,
        indicator.deepest_level,
    )
    table = storage.absolute(version.parquet_path)
    found: list[Computed] = []
    for level in levels_of(indicator.deepest_level):
        try:
            values = engine.compute(
                table,
                formula,
                level=level,
                wilayah_column=indicator.wilayah_column or None,
                period_column=indicator.period_column or None,
                period=str(version.created_at.year),
            )
        except engine.FormulaError as error:
            raise ComputeError(explain(error)) from error
        except (duckdb.Error, OSError) as error:
            raise ComputeError(
                _("Version %(number)s could not be computed: %(reason)s")
                % {"number": version.number, "reason": str(error).splitlines()[0][:200]}
            ) from error
        found += [Computed(level, v.period[:20], v.kode or "", v.value) for v in values if v.period]
    if not found:
        raise ComputeError(
            _("Version %(number)s of the data gives no value for this indicator.")
            % {"number": version.number}
        )
    return found


def published_history(dataset: Dataset) -> list[Version]:
    """The versions that were ever published, each once, in the order of their last publication
    (a rollback counts as publishing again), so that later ones win a period."""
    steps = (
        Transition.objects.filter(
            dataset=dataset,
            kind__in=[Transition.Kind.PUBLISH, Transition.Kind.ROLLBACK],
            version__isnull=False,
        )
        .select_related("version")
        .order_by("at", "pk")
    )
    latest: dict[int, Version] = {}
    for step in steps:
        latest.pop(step.version_id, None)
        latest[step.version_id] = step.version
    if dataset.published_version_id and dataset.published_version_id not in latest:
        latest[dataset.published_version_id] = dataset.published_version
    elif dataset.published_version_id:
        latest[dataset.published_version_id] = latest.pop(dataset.published_version_id)
    return list(latest.values())
