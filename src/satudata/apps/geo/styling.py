"""A layer's saved style, worked out for the version a map draws: its classes from that
version's own values (kept per process under the version's checksum, since a version's file
never changes), the MapLibre colour expression and the legend. Callers pass only versions
the viewer may see."""

import functools
from pathlib import Path
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.geo.models import LayerStyle
from satudata.engines.geo import styles
from satudata.engines.geo.styles import Classified, Kind, Method, StyleError, StyleSpec
from satudata.platform import storage

DEFAULT_COLOURS = {"polygon": "#0a4d8c", "line": "#b42318", "point": "#f2a900"}


def stored_style(dataset: Dataset) -> LayerStyle:
    """The layer's saved style, or the default (one colour, unsaved)."""
    return LayerStyle.objects.filter(dataset=dataset).first() or LayerStyle(dataset=dataset)


def spec_of(style: LayerStyle, family: str | None = None) -> StyleSpec:
    colour = style.colour if style.pk else DEFAULT_COLOURS.get(family or "", style.colour)
    return StyleSpec(
        kind=Kind(style.kind),
        attribute=style.attribute,
        method=Method(style.method),
        classes=style.classes,
        palette=style.palette,
        colour=colour,
    )


@functools.lru_cache(maxsize=512)
def _classified(
    path: str, checksum: str, spec: StyleSpec, types: tuple[tuple[str, str], ...]
) -> Classified:
    return styles.classify(Path(path), spec, dict(types))


def classified(version: Version, spec: StyleSpec) -> Classified:
    """The classes of the version's features under `spec`; a `StyleError` when the spec does
    not fit the version (an attribute it no longer has, or one that is not a number)."""
    geo = version.geo
    types = tuple((f["name"], f["type"]) for f in version.fields)
    return _classified(str(storage.absolute(geo["path"])), geo["checksum"], spec, types)


def number(value: float) -> str:
    """A class edge as the reader's language writes it (1.234,5 in Indonesian)."""
    places = 0 if float(value).is_integer() or abs(value) >= 100 else 2
    return formats.number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def legend(found: Classified) -> list[dict[str, Any]]:
    entries = []
    for item in found.classes:
        if item.value is not None:
            label = item.value
        else:
            label = f"{number(item.low or 0)} – {number(item.high or 0)}"
        entries.append({"colour": item.colour, "label": label, "count": item.count})
    if found.other and found.spec.kind is Kind.CATEGORISED:
        entries.append({"colour": styles.OTHER, "label": _("Other"), "count": found.other})
    elif found.other and found.spec.kind is Kind.GRADUATED:
        entries.append({"colour": styles.NO_DATA, "label": _("No value"), "count": found.other})
    return entries


def map_style(dataset: Dataset, version: Version, spec: StyleSpec | None = None) -> dict[str, Any]:
    """What a map needs to paint the layer: the colour expression, the legend entries and the
    attribute they are about; a saved style that no longer fits falls back to one colour."""
    family = (version.geo or {}).get("family")
    spec = spec or spec_of(stored_style(dataset), family)
    note = ""
    try:
        found = classified(version, spec)
    except StyleError:
        note = _("The saved style no longer fits this version; it is drawn in one colour.")
        found = Classified(StyleSpec(colour=DEFAULT_COLOURS.get(family or "", "#0a4d8c")))
    return {
        "kind": found.spec.kind.value,
        "attribute": found.spec.attribute,
        "method": found.spec.method.value,
        "colour": styles.colour_expression(found),
        "legend": legend(found),
        "note": note,
    }
