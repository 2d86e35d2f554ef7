"""Facets of catalog search: from the slugs of a query string to ids, and from the engine's
counts to labelled, ordered values."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import AccessLevel, LevelPenyajian, Licence, Topic
from satudata.apps.search.memo import Memo
from satudata.engines import text

LABELS = {
    "organisation": _("Organisation"),
    "topic": _("Topic"),
    "year": _("Year covered"),
    "level": _("Level penyajian"),
    "access": _("Access level"),
    "format": _("Format"),
    "prioritas": _("Data Prioritas"),
    "status": _("Update status"),
    "tag": _("Tag"),
    "licence": _("Licence"),
}
STATUS_LABELS = {text.ON_TIME: _("On time (tepat waktu)"), text.LATE: _("Late (terlambat)")}
NOTHING = frozenset({-1})


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def selected(self) -> bool:
        return any(v.selected for v in self.values)


MODELS: dict[str, Any] = {"organisation": Organisation, "topic": Topic}
NAMES = Memo(size=8)


def selected_ids(chosen: Mapping[str, Sequence[Any]]) -> dict[str, frozenset[Any]]:
    """The chosen facet values as the engine knows them: organisations and topics by id (a slug
    that names nothing matches nothing)."""
    selected: dict[str, frozenset[Any]] = {}
    for name, values in chosen.items():
        if not values:
            continue
        if name in MODELS:
            ids = MODELS[name].objects.filter(slug__in=values).values_list("pk", flat=True)
            selected[name] = frozenset(ids) or NOTHING
        else:
            selected[name] = frozenset(values)
    return selected


def _all_named(name: str) -> dict[Any, tuple[str, str]]:
    rows = MODELS[name].objects.values_list("pk", "slug", "name")
    return {pk: (slug, label) for pk, slug, label in rows}


def _named(
    name: str, ids: Iterable[int], slugs: Sequence[str], token: str | None
) -> dict[Any, tuple[str, str]]:
    """id → (slug, name) of the organisations or topics counted or chosen (every organisation
    and topic is read once per index token and process: there are a few dozen of each)."""
    known = NAMES.get(token, name, lambda: _all_named(name))
    wanted, chosen = set(ids), set(slugs)
    return {pk: row for pk, row in known.items() if pk in wanted or row[0] in chosen}


def _values(
    name: str, counts: dict[Any, int], chosen: Sequence[Any], token: str | None
) -> list[FacetValue]:
    if name in MODELS:
        named = _named(name, counts, chosen, token)
        values = [
            FacetValue(slug, label, counts.get(pk, 0), slug in chosen)
            for pk, (slug, label) in named.items()
            if counts.get(pk) or slug in chosen
        ]
        return sorted(values, key=lambda v: (-v.count, v.label.lower(), v.value))
    keys = set(counts) | set(chosen)
    if name in ("year", "prioritas"):
        order = sorted(keys, reverse=True)
        return [FacetValue(str(k), str(k), counts.get(k, 0), k in chosen) for k in order]
    if name == "format":
        order = sorted(keys, key=lambda k: (-counts.get(k, 0), k))
        return [FacetValue(k, k.upper(), counts.get(k, 0), k in chosen) for k in order]
    if name == "tag":
        order = sorted(keys, key=lambda k: (-counts.get(k, 0), k.lower()))
        return [FacetValue(k, k, counts.get(k, 0), k in chosen) for k in order]
    labels = {
        "level": dict(LevelPenyajian.choices),
        "access": dict(AccessLevel.choices),
        "status": STATUS_LABELS,
        "licence": dict(Licence.choices),
    }[name]
    return [
        FacetValue(k, str(label), counts.get(k, 0), k in chosen)
        for k, label in labels.items()
        if k in keys
    ]


def build_facets(
    names: Sequence[str],
    counts: Mapping[str, dict[Any, int]],
    chosen: Mapping[str, Sequence[Any]],
    token: str | None = None,
) -> list[Facet]:
    return [
        Facet(
            name,
            str(LABELS[name]),
            _values(name, counts.get(name, {}), chosen.get(name, ()), token),
        )
        for name in names
    ]
