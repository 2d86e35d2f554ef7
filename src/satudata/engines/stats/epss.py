"""The Indeks Pembangunan Statistik (IPS) of an EPSS self-assessment (Peraturan BPS 3/2022).

Five domains, nineteen aspects and thirty-eight indicators, each indicator at a level 1–5.
Weighted averages roll indicator → aspect → domain → IPS; every weight and the predikat bounds
are plain data given by the caller (the application keeps them in its database, seeded from the
CSV files it ships). An indicator without a level is left out and the weights of the others are
rescaled, so a draft still shows an index; `Index.complete` says whether every level was given.
The predikat is read from the IPS rounded to two decimals, the precision BPS publishes."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = (1, 2, 3, 4, 5)
WEIGHT_KINDS = ("domain", "aspect", "indicator")
_CRITERION = re.compile(r"(?m)^\s*([1-5])\.\s*")


class CatalogueError(ValueError):
    """The indicator file does not have the expected shape."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    explanation: str
    criteria: tuple[str, ...]
    aspect: str
    domain: str


@dataclass(frozen=True)
class Aspect:
    code: str
    name: str
    domain: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    aspects: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    domains: dict[str, Domain]
    aspects: dict[str, Aspect]
    indicators: dict[str, Indicator]

    def _table(self, kind: str) -> Mapping[str, Domain | Aspect | Indicator]:
        return {"domain": self.domains, "aspect": self.aspects, "indicator": self.indicators}[kind]

    def codes(self, kind: str) -> list[str]:
        return list(self._table(kind))

    def names(self, kind: str) -> dict[str, str]:
        """Code → name of every domain, aspect or indicator."""
        return {code: item.name for code, item in self._table(kind).items()}


def split_criteria(text: str) -> tuple[str, ...]:
    """'1. … 2. … 5. …' → the five criteria texts, in level order."""
    parts = _CRITERION.split(text.strip())
    numbers, texts = parts[1::2], parts[2::2]
    if numbers != ["1", "2", "3", "4", "5"]:
        raise CatalogueError(f"criteria must be numbered 1. to 5., found {numbers}")
    return tuple(" ".join(t.split()) for t in texts)


def read_catalogue(path: Path) -> Catalogue:
    """The LKE worksheet's indicators (columns Domain, Kode, Aspek, KodeInd, Indikator,
    Penjelasan Indikator, Tingkat Kematangan)."""
    domains: dict[str, dict[str, object]] = {}
    aspects: dict[str, dict[str, object]] = {}
    indicators: dict[str, Indicator] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            aspect_code, code = row["Kode"].strip(), row["KodeInd"].strip()
            if not (code.startswith(aspect_code) and len(code) == 5 and len(aspect_code) == 3):
                raise CatalogueError(f"row {line}: indicator {code} is not in aspect {aspect_code}")
            domain_code = aspect_code[0]
            try:
                criteria = split_criteria(row["Tingkat Kematangan"])
            except CatalogueError as exc:
                raise CatalogueError(f"row {line}, indicator {code}: {exc}") from exc
            domain = domains.setdefault(domain_code, {"name": row["Domain"].strip(), "aspects": []})
            if aspect_code not in aspects:
                aspects[aspect_code] = {"name": row["Aspek"].strip(), "indicators": []}
                domain["aspects"].append(aspect_code)  # type: ignore[union-attr]
            aspects[aspect_code]["indicators"].append(code)  # type: ignore[union-attr]
            indicators[code] = Indicator(
                code=code,
                name=" ".join(row["Indikator"].split()),
                explanation=row["Penjelasan Indikator"].strip(),
                criteria=criteria,
                aspect=aspect_code,
                domain=domain_code,
            )
    return Catalogue(
        domains={
            c: Domain(c, str(d["name"]), tuple(d["aspects"]))  # type: ignore[arg-type]
            for c, d in domains.items()
        },
        aspects={
            c: Aspect(c, str(a["name"]), c[0], tuple(a["indicators"]))  # type: ignore[arg-type]
            for c, a in aspects.items()
        },
        indicators=indicators,
    )


@dataclass(frozen=True)
class Weights:
    domains: Mapping[str, float]
    aspects: Mapping[str, float]
    indicators: Mapping[str, float] = field(default_factory=dict)

    def of(self, kind: str, code: str) -> float:
        table = {"domain": self.domains, "aspect": self.aspects, "indicator": self.indicators}[kind]
        return float(table.get(code, 1.0 if kind == "indicator" else 0.0))


def weights_from_rows(rows: Iterable[tuple[str, str, float]]) -> Weights:
    """(kind, code, weight) rows, as stored, into `Weights`."""
    tables: dict[str, dict[str, float]] = {kind: {} for kind in WEIGHT_KINDS}
    for kind, code, weight in rows:
        tables[kind][code] = float(weight)
    return Weights(tables["domain"], tables["aspect"], tables["indicator"])


def read_weight_rows(path: Path) -> list[tuple[str, str, float]]:
    """The shipped default weights: a CSV with columns kind, code, weight."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["kind"], r["code"], float(r["weight"])) for r in csv.DictReader(handle)]


def weight_problems(catalogue: Catalogue, weights: Weights) -> list[tuple[str, str]]:
    """(kind, code) of every weight that is negative, and of every group whose weights are all
    zero (its average could not be computed)."""
    problems = [
        (kind, code)
        for kind in WEIGHT_KINDS
        for code in catalogue.codes(kind)
        if weights.of(kind, code) < 0
    ]
    if not any(weights.of("domain", d) > 0 for d in catalogue.domains):
        problems.append(("domain", ""))
    for domain in catalogue.domains.values():
        if not any(weights.of("aspect", a) > 0 for a in domain.aspects):
            problems.append(("aspect", domain.code))
    for aspect in catalogue.aspects.values():
        if not any(weights.of("indicator", i) > 0 for i in aspect.indicators):
            problems.append(("indicator", aspect.code))
    return problems


@dataclass(frozen=True)
class PredikatBound:
    minimum: float
    label: str


def read_predikat(path: Path) -> list[PredikatBound]:
    with path.open(encoding="utf-8", newline="") as handle:
        bounds = [PredikatBound(float(r["min"]), r["predikat"]) for r in csv.DictReader(handle)]
    return sorted(bounds, key=lambda b: b.minimum)


def predikat(value: float | None, bounds: Sequence[PredikatBound]) -> str | None:
    """The label of the highest bound that the value (rounded to two decimals) reaches."""
    if value is None:
        return None
    rounded = round(value + 1e-9, 2)
    label = None
    for bound in sorted(bounds, key=lambda b: b.minimum):
        if rounded >= bound.minimum:
            label = bound.label
    return label


@dataclass(frozen=True)
class Index:
    indicators: dict[str, int | None]
    aspects: dict[str, float | None]
    domains: dict[str, float | None]
    ips: float | None
    predikat: str | None
    complete: bool

    @property
    def filled(self) -> int:
        """How many indicators have a level."""
        return sum(1 for level in self.indicators.values() if level is not None)


def _mean(values: Iterable[tuple[float | None, float]]) -> float | None:
    pairs = [(v, w) for v, w in values if v is not None and w > 0]
    total = sum(w for _v, w in pairs)
    if not total:
        return None
    return sum(v * w for v, w in pairs) / total


def compute(
    catalogue: Catalogue,
    weights: Weights,
    levels: Mapping[str, int | None],
    bounds: Sequence[PredikatBound],
) -> Index:
    """Aspect = weighted mean of its indicators' levels, domain = weighted mean of its aspects,
    IPS = weighted mean of the domains. Levels outside 1–5 are refused."""
    given: dict[str, int | None] = {}
    for code in catalogue.indicators:
        level = levels.get(code)
        if level is not None and level not in LEVELS:
            raise ValueError(f"indicator {code}: level {level} is not 1–5")
        given[code] = level
    aspects = {
        code: _mean((given[i], weights.of("indicator", i)) for i in aspect.indicators)
        for code, aspect in catalogue.aspects.items()
    }
    domains = {
        code: _mean((aspects[a], weights.of("aspect", a)) for a in domain.aspects)
        for code, domain in catalogue.domains.items()
    }
    ips = _mean((domains[d], weights.of("domain", d)) for d in catalogue.domains)
    return Index(
        indicators=given,
        aspects=aspects,
        domains=domains,
        ips=ips,
        predikat=predikat(ips, bounds),
        complete=all(v is not None for v in given.values()),
    )


def what_if(
    catalogue: Catalogue,
    weights: Weights,
    levels: Mapping[str, int | None],
    changes: Mapping[str, int],
    bounds: Sequence[PredikatBound],
) -> tuple[Index, Index]:
    """The index as assessed and with `changes` (indicator → level) applied."""
    unknown = sorted(set(changes) - set(catalogue.indicators))
    if unknown:
        raise ValueError(f"unknown indicators: {', '.join(unknown)}")
    before = compute(catalogue, weights, levels, bounds)
    after = compute(catalogue, weights, {**levels, **changes}, bounds)
    return before, after


def delta(before: float | None, after: float | None) -> float | None:
    if before is None or after is None:
        return None
    return after - before


@dataclass(frozen=True)
class Difference:
    kind: str
    code: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return delta(self.before, self.after)


def differences(catalogue: Catalogue, before: Index, after: Index) -> list[Difference]:
    """Every indicator, aspect and domain and the IPS, in worksheet order, with both values."""
    rows: list[Difference] = []
    for dcode, domain in catalogue.domains.items():
        rows.append(Difference("domain", dcode, before.domains[dcode], after.domains[dcode]))
        for acode in domain.aspects:
            rows.append(Difference("aspect", acode, before.aspects[acode], after.aspects[acode]))
            for icode in catalogue.aspects[acode].indicators:
                rows.append(
                    Difference(
                        "indicator", icode, before.indicators[icode], after.indicators[icode]
                    )
                )
    rows.append(Difference("ips", "", before.ips, after.ips))
    return rows
