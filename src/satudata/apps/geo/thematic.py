"""Thematic maps from tables: a grouped result of the data explorer whose one group column is
a kode wilayah at kecamatan or kelurahan level becomes a choropleth of the base boundaries,
joined by code (dotted or not: 3671011001 and 36.71.01.1001 are the same kelurahan). The
classes are worked out on every group of the result, not only the page the table shows."""

from dataclasses import replace
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.geo.maps import base_tiles, map_config
from satudata.apps.geo.models import BaseLayer
from satudata.apps.geo.styling import legend, number
from satudata.apps.portal import explorer
from satudata.engines.geo import styles
from satudata.engines.geo.from_table import dotted_code, level_of
from satudata.engines.geo.styles import Kind, Method, StyleSpec
from satudata.engines.tabular import Role
from satudata.engines.tabular.query import MAX_PER_PAGE, QueryError, QuerySpec

MIN_MATCHED = 0.5  # at least half the groups must be wilayah of one level


def mappable(version: Version, spec: QuerySpec) -> bool:
    """Whether the grouped result of `spec` can be drawn as a map: one group column, a kode
    wilayah, with a summary to colour by."""
    if len(spec.group_by) != 1 or not spec.aggregates:
        return False
    field = next((f for f in explorer.fields_of(version) if f.name == spec.group_by[0]), None)
    return field is not None and (field.role is Role.KODE_WILAYAH or field.name == "kode_wilayah")


def _method(text: str) -> Method:
    try:
        return Method(text)
    except ValueError:
        return Method.QUANTILE


def explorer_map(
    dataset: Dataset, version: Version, spec: QuerySpec, method: str = "", classes: int = 5
) -> dict[str, Any] | None:
    """The map's settings for the explorer, or None when the groups are not wilayah of one
    level whose boundaries the portal holds."""
    try:
        result = explorer.run(version, replace(spec, page=1, per_page=MAX_PER_PAGE, sort=()))
    except QueryError:
        return None
    values: dict[str, float | None] = {}
    for row in result.rows:
        code = dotted_code(row[0])
        if code is not None:
            values[code] = None if row[1] is None else float(row[1])
    if len(values) < MIN_MATCHED * max(1, len(result.rows)):
        return None
    found = values_map(values, result.columns[1].title, method, classes)
    if found is not None:
        found["groups"] = result.total
    return found


def values_map(
    values: dict[str, float | None], measure: str, method: str = "", classes: int = 5
) -> dict[str, Any] | None:
    """A choropleth of the base boundaries coloured by `values` (dotted kode wilayah → number),
    or None when the codes are not wilayah of one level whose boundaries the portal holds."""
    level = level_of(values)
    if level is None:
        return None
    base = BaseLayer.objects.filter(level=level).first()
    if base is None:
        return None
    style = StyleSpec(Kind.GRADUATED, measure, _method(method), classes, palette="YlGnBu")
    found = styles.graduated(list(values.values()), style)
    colour = _colours(found, values)
    title = _("%(measure)s by %(level)s") % {"measure": measure, "level": base.get_level_display()}
    entry = {
        "id": f"tematik-{base.slug}",
        "title": title,
        "family": "polygon",
        "tiles": base_tiles(base.slug),
        "source_layer": base.slug,
        "style": {"kind": "graduated", "colour": colour, "legend": legend(found), "note": ""},
        "search": reverse("geo:base_search", args=[base.slug]),
        "page": "",
        "values": {
            "key": "kode",
            "label": measure,
            "by_code": {c: "–" if v is None else number(v) for c, v in values.items()},
        },
    }
    return {
        "config": map_config([entry], list(base.bbox or []) or None),
        "level": base.get_level_display(),
        "matched": len(values),
        "groups": len(values),
        "method": style.method.value,
        "classes": found.spec.classes,
    }


def _colours(found: styles.Classified, values: dict[str, float | None]) -> Any:
    """A `match` on each boundary's code giving its class colour (no data: grey)."""
    if not found.classes:
        return styles.NO_DATA
    edges = [c.low for c in found.classes[1:]]
    pairs: list[Any] = []
    for code, value in values.items():
        if value is None:
            continue
        at = sum(1 for edge in edges if edge is not None and value >= edge)
        pairs += [code, found.classes[at].colour]
    if not pairs:
        return styles.NO_DATA
    return ["match", ["get", "kode"], *pairs, styles.NO_DATA]
