"""Kode wilayah in uploads: the codes a dataset's kode wilayah column may hold (current codes at
its level penyajian, inside its cakupan wilayah), and precise hints for the codes that fail:
the wrong level, outside the area, retired, or a name written where a code belongs (with the
suggested code)."""

import dataclasses
import re

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop as N_

from satudata.apps.catalog.models import Dataset, LevelPenyajian
from satudata.apps.registry import queries
from satudata.apps.registry.models import Wilayah
from satudata.engines import tabular

LEVELS = {
    LevelPenyajian.KOTA: Wilayah.Level.KABKOTA,
    LevelPenyajian.KECAMATAN: Wilayah.Level.KECAMATAN,
    LevelPenyajian.KELURAHAN: Wilayah.Level.DESA,
}
CODE_LIKE = re.compile(r"^[\d.\s]+$")
MIN_SCORE = 0.6

WRONG_LEVEL = (
    N_(
        'Row %(row)s, column "%(column)s": %(value)s is the %(found_level)s %(found_name)s, '
        "but this dataset is presented per %(level)s."
    ),
    N_("Use the code of the %(level)s, for example %(example)s."),
)
OUTSIDE = (
    N_(
        'Row %(row)s, column "%(column)s": %(value)s (%(found_name)s) is outside the area of '
        "this dataset, %(area)s."
    ),
    N_("Use a code inside %(area)s, for example %(example)s."),
)
RETIRED = (
    N_('Row %(row)s, column "%(column)s": the code %(value)s (%(found_name)s) is no longer valid.'),
    N_("Use the code that replaced it: %(replacement)s."),
)
NAME = (
    N_('Row %(row)s, column "%(column)s": "%(value)s" is a name, not a kode wilayah.'),
    N_("Did you mean %(suggestion)s? Write the code instead of the name."),
)


def level_of(dataset: Dataset) -> str:
    return LEVELS[LevelPenyajian(dataset.level_penyajian)]


def reference_codes(dataset: Dataset) -> set[str]:
    """The current codes at the dataset's level inside its cakupan wilayah."""
    return queries.codes_at_level(level_of(dataset), within=dataset.cakupan_wilayah_id)


def _wilayah_columns(result: tabular.IngestResult) -> set[str]:
    return {
        f.title or f.name
        for f in result.fields
        if f.role is tabular.Role.KODE_WILAYAH or f.name == "kode_wilayah"
    }


def _labelled(area: Wilayah | queries.Suggestion) -> str:
    return f"{area.kode} ({area.nama})"


def _explain(problem: tabular.Problem, dataset: Dataset, example: str) -> tabular.Problem:
    value = (problem.value or "").strip()
    level = level_of(dataset)
    within = dataset.cakupan_wilayah_id
    base = {"level": str(Wilayah.Level(level).label), "example": example}
    if not value:
        return problem
    if not CODE_LIKE.match(value):
        suggested = queries.suggest(value, level=level, within=within, limit=3)
        found = [s for s in suggested if s.score >= MIN_SCORE]
        if not found:
            return problem
        text = ", ".join(_labelled(s) for s in found)
        message, hint = NAME
        return dataclasses.replace(
            problem, message=message, hint=hint, params={**problem.params, "suggestion": text}
        )
    area = queries.get(value)
    if area is None:
        return problem
    found = {"found_name": area.nama, "found_level": str(area.get_level_display())}
    if not area.is_current:
        if area.replaced_by is None:
            return problem
        message, hint = RETIRED
        replacement = _labelled(area.replaced_by)
        params = {**found, "replacement": replacement}
    elif area.level != level:
        message, hint = WRONG_LEVEL
        params = found
    elif within and not (value == within or value.startswith(within + ".")):
        message, hint = OUTSIDE
        cakupan = dataset.cakupan_wilayah
        params = {**found, "area": cakupan.nama if cakupan else within}
    else:
        return problem
    return dataclasses.replace(
        problem, message=message, hint=hint, params={**problem.params, **base, **params}
    )


def explain(result: tabular.IngestResult, dataset: Dataset) -> tabular.IngestResult:
    """The result with the kode wilayah problems told precisely (names get a suggested code)."""
    columns = _wilayah_columns(result)
    if not columns:
        return result
    codes = sorted(reference_codes(dataset))
    example = ", ".join(codes[:3])
    problems = [
        _explain(p, dataset, example) if p.rule == "code_list" and p.column in columns else p
        for p in result.problems
    ]
    return dataclasses.replace(result, problems=problems)


def cakupan_choices(chosen: str | None = None) -> QuerySet:
    """The areas a dataset may cover: every current provinsi and kabupaten/kota, the kecamatan
    of the portal's own area (`SATUDATA_WILAYAH`), and the one already chosen."""
    own = Q(level=Wilayah.Level.KECAMATAN, kode__startswith=settings.WILAYAH + ".")
    upper = Q(level__in=[Wilayah.Level.PROVINSI, Wilayah.Level.KABKOTA])
    return Wilayah.objects.filter(
        (upper | own) & Q(valid_until__isnull=True) | Q(kode=chosen or "")
    )
