"""How a layer is coloured on a map: one colour (`single`), a colour per value of an attribute
(`categorised`), or classes of a numeric attribute (`graduated`, a choropleth for areas) by
quantile, equal interval or natural breaks (Fisher–Jenks). `classify` reads the values from a
layer version's file and gives the classes with their colours and counts; `colour_expression`
turns them into the MapLibre expression a map paints with, and every class is a legend entry.

The colour ramps are ColorBrewer's (Cynthia Brewer, Mark Harrower and The Pennsylvania State
University, Apache License 2.0): sequential ramps of nine colours for classes, qualitative
sets for categories."""

# SQL here is built only from quote_ident() identifiers and numbers.
# ruff: noqa: S608

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from satudata.engines import duck
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.store import quote_ident

MIN_CLASSES, MAX_CLASSES = 2, 9
MAX_CATEGORIES = 12
JENKS_SAMPLE = 2_000  # natural breaks are found on at most this many values, spread evenly
NO_DATA = "#d0d4d9"
OTHER = "#9aa3ad"
SEQUENTIAL: dict[str, tuple[str, ...]] = {
    "Blues": (
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6",
        "#4292c6", "#2171b5", "#08519c", "#08306b",
    ),
    "Greens": (
        "#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476",
        "#41ab5d", "#238b45", "#006d2c", "#00441b",
    ),
    "Oranges": (
        "#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c",
        "#f16913", "#d94801", "#a63603", "#7f2704",
    ),
    "Reds": (
        "#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a",
        "#ef3b2c", "#cb181d", "#a50f15", "#67000d",
    ),
    "Purples": (
        "#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8",
        "#807dba", "#6a51a3", "#54278f", "#3f007d",
    ),
    "YlOrRd": (
        "#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
        "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
    ),
    "YlGnBu": (
        "#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4",
        "#1d91c0", "#225ea8", "#253494", "#081d58",
    ),
}  # fmt: skip
QUALITATIVE = (
    "#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928",
    "#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99",
)  # fmt: skip


class Kind(StrEnum):
    SINGLE = "single"
    CATEGORISED = "categorised"
    GRADUATED = "graduated"


class Method(StrEnum):
    QUANTILE = "quantile"
    EQUAL_INTERVAL = "equal_interval"
    NATURAL_BREAKS = "natural_breaks"


class StyleError(ValueError):
    """A style the layer cannot take; `code` names the rule for the caller's message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class StyleSpec:
    kind: Kind = Kind.SINGLE
    attribute: str = ""
    method: Method = Method.QUANTILE
    classes: int = 5
    palette: str = "Blues"
    colour: str = "#0a4d8c"


@dataclass(frozen=True)
class StyleClass:
    """One legend entry: a value (categorised) or a range `low`–`high` (graduated, the last
    class closed at its top), with its colour and how many features it holds."""

    colour: str
    count: int
    value: str | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Classified:
    spec: StyleSpec
    classes: list[StyleClass] = field(default_factory=list)
    other: int = 0  # features outside the classes: other values, or no number
    numeric: bool = False  # categorised on a numeric attribute: values compared as numbers


def ramp(palette: str, k: int) -> list[str]:
    """`k` colours spread over a sequential ramp, lightest first."""
    colours = SEQUENTIAL.get(palette) or SEQUENTIAL["Blues"]
    if k == 1:
        return [colours[len(colours) // 2]]
    start = 1 if k < len(colours) else 0
    span = len(colours) - 1 - start
    return [colours[start + round(i * span / (k - 1))] for i in range(k)]


def equal_interval(low: float, high: float, k: int) -> list[float]:
    """The `k + 1` edges of `k` classes of equal width from `low` to `high`."""
    step = (high - low) / k
    return [low + i * step for i in range(k)] + [high]


def quantile_edges(values: Sequence[float], k: int) -> list[float]:
    """Edges that put about as many values in each class."""
    data = np.asarray(values, dtype=float)
    return [float(v) for v in np.quantile(data, np.linspace(0, 1, k + 1))]


def natural_breaks(values: Sequence[float], k: int) -> list[float]:
    """Fisher–Jenks: the edges of `k` classes with the least sum of squared deviations from
    their means, found exactly by dynamic programming over the sorted values."""
    data = np.sort(np.asarray(values, dtype=float))
    n = len(data)
    k = min(k, len(np.unique(data)))
    if k <= 1:
        return [float(data[0]), float(data[-1])]
    sums = np.concatenate([[0.0], np.cumsum(data)])
    squares = np.concatenate([[0.0], np.cumsum(data * data)])

    def cost(start: np.ndarray, end: int) -> np.ndarray:
        """Squared deviations of data[start:end] from their mean, for each start."""
        count = end - start
        total = sums[end] - sums[start]
        return squares[end] - squares[start] - total * total / count

    best = np.full((k + 1, n + 1), np.inf)
    cut = np.zeros((k + 1, n + 1), dtype=np.int64)
    best[1, 1:] = [cost(np.array([0]), end)[0] for end in range(1, n + 1)]
    for classes in range(2, k + 1):
        for end in range(classes, n + 1):
            starts = np.arange(classes - 1, end)
            totals = best[classes - 1, starts] + cost(starts, end)
            pick = int(np.argmin(totals))
            best[classes, end] = totals[pick]
            cut[classes, end] = starts[pick]
    edges = [float(data[-1])]
    end = n
    for classes in range(k, 1, -1):
        end = int(cut[classes, end])  # the first value of the class above
        edges.append(float(data[end]))
    edges.append(float(data[0]))
    return edges[::-1]


def _spread(values: list[float], size: int) -> list[float]:
    """At most `size` of the sorted `values`, evenly spaced, the ends kept."""
    if len(values) <= size:
        return values
    picks = np.linspace(0, len(values) - 1, size).round().astype(int)
    return [values[i] for i in picks]


def edges(values: Sequence[float], method: Method, k: int) -> list[float]:
    """The distinct class edges (at least two) of `values` by `method`: never more classes
    than there are distinct values."""
    ordered = sorted(float(v) for v in values if v is not None and math.isfinite(v))
    if not ordered:
        return []
    k = max(MIN_CLASSES, min(MAX_CLASSES, k, len(set(ordered))))
    if method is Method.EQUAL_INTERVAL:
        found = equal_interval(ordered[0], ordered[-1], k)
    elif method is Method.NATURAL_BREAKS:
        found = natural_breaks(_spread(ordered, JENKS_SAMPLE), k)
        found[0], found[-1] = ordered[0], ordered[-1]
    else:
        found = quantile_edges(ordered, k)
    unique = sorted(set(found))
    return unique if len(unique) > 1 else [unique[0], unique[0]]


def graduated(values: Sequence[float | None], spec: StyleSpec) -> Classified:
    """The classes of `values` (None or not finite: no number) by the spec's method."""
    numbers = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    found = edges(numbers, spec.method, spec.classes)
    if not found:
        return Classified(spec, [], other=len(values))
    colours = ramp(spec.palette, len(found) - 1)
    bounds = np.asarray(found[1:-1])
    counts = np.bincount(
        np.searchsorted(bounds, np.asarray(numbers), side="right"), minlength=len(colours)
    )
    classes = [
        StyleClass(colour=colours[i], count=int(counts[i]), low=found[i], high=found[i + 1])
        for i in range(len(colours))
    ]
    return Classified(spec, classes, other=len(values) - len(numbers))


def categorised(counts: Sequence[tuple[Any, int]], spec: StyleSpec) -> Classified:
    """A colour for each of the most frequent values (`counts`: value and features, most
    first); the rest share the colour of "other"."""
    kept = [(value, n) for value, n in counts if value is not None][:MAX_CATEGORIES]
    numeric = bool(kept) and all(isinstance(v, int | float) for v, _n in kept)
    classes = [
        StyleClass(colour=QUALITATIVE[i], count=int(n), value=_text(value))
        for i, (value, n) in enumerate(kept)
    ]
    total = sum(int(n) for _v, n in counts)
    return Classified(spec, classes, other=total - sum(c.count for c in classes), numeric=numeric)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def classify(path: Path, spec: StyleSpec, types: dict[str, str]) -> Classified:
    """The classes of the layer version at `path` under `spec` (`types`: the attributes and
    their table types). A style on an unknown attribute, or graduated on one that is not a
    number, raises a `StyleError`."""
    if spec.kind is Kind.SINGLE:
        return Classified(spec)
    if spec.attribute not in types:
        raise StyleError("style.attribute", attribute=spec.attribute)
    numeric = types[spec.attribute] in ("integer", "number")
    if spec.kind is Kind.GRADUATED and not numeric:
        raise StyleError("style.numeric", attribute=spec.attribute)
    column = quote_ident(spec.attribute)
    source = f"read_parquet({literal(str(path))})"
    con = duck.connect(memory_limit="512MB", threads=1)
    try:
        if spec.kind is Kind.GRADUATED:
            rows = con.execute(f"SELECT {column}::DOUBLE FROM {source}").fetchall()
            return graduated([r[0] for r in rows], spec)
        rows = con.execute(
            f"SELECT {column}, count(*) AS n FROM {source} GROUP BY 1 ORDER BY n DESC, 1 NULLS LAST"
        ).fetchall()
        return categorised([(r[0], int(r[1])) for r in rows], spec)
    except duckdb.Error as exc:
        raise StyleError("style.read", attribute=spec.attribute) from exc
    finally:
        con.close()


def colour_expression(classified: Classified) -> Any:
    """The MapLibre expression (or plain colour) that paints each feature by its class."""
    spec = classified.spec
    if spec.kind is Kind.SINGLE or not classified.classes:
        return spec.colour if spec.kind is Kind.SINGLE else NO_DATA
    value = ["get", spec.attribute]
    if spec.kind is Kind.CATEGORISED:
        key = ["to-number", value, -1e308] if classified.numeric else ["to-string", value]
        pairs: list[Any] = []
        for c in classified.classes:
            pairs += [float(c.value) if classified.numeric else c.value, c.colour]
        return ["match", key, *pairs, OTHER]
    steps: list[Any] = [classified.classes[0].colour]
    for c in classified.classes[1:]:
        steps += [c.low, c.colour]
    return [
        "case",
        ["==", ["typeof", value], "number"],
        ["step", value, *steps],
        NO_DATA,
    ]
