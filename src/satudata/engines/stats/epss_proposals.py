"""Proposing an EPSS level from figures the platform holds (shares of datasets, counts).

A rule names the figure (`metric`) and the smallest value that reaches level 2, 3, 4 (and 5),
in that order; below the first threshold the proposal is level 1. Rules are data (the
application ships them as JSON); this module only reads and applies them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


class RuleError(ValueError):
    """A rule in the rules file is not usable."""


@dataclass(frozen=True)
class Rule:
    indicator: str
    metric: str
    thresholds: tuple[float, ...]
    kind: str = "share"


@dataclass(frozen=True)
class Figure:
    """What was counted: `numerator` of `denominator` (a share), or a plain count."""

    numerator: int
    denominator: int = 0
    kind: str = "share"

    @property
    def value(self) -> float:
        if self.kind == "count":
            return float(self.numerator)
        return self.numerator / self.denominator if self.denominator else 0.0


@dataclass(frozen=True)
class Proposal:
    indicator: str
    metric: str
    level: int
    figure: Figure
    thresholds: tuple[float, ...]

    @property
    def next_threshold(self) -> float | None:
        """The value the figure must reach for the next level (None at the top)."""
        index = self.level - 1
        return self.thresholds[index] if index < len(self.thresholds) else None


def parse_rules(document: dict) -> dict[str, Rule]:
    rules = {}
    for code, raw in document.get("rules", {}).items():
        thresholds = tuple(float(t) for t in raw.get("thresholds", []))
        if len(thresholds) > 4 or list(thresholds) != sorted(thresholds):
            raise RuleError(f"indicator {code}: thresholds must be at most 4 values, ascending")
        kind = raw.get("kind", "share")
        if kind not in {"share", "count"}:
            raise RuleError(f"indicator {code}: kind must be share or count")
        if kind == "share" and any(not 0 <= t <= 1 for t in thresholds):
            raise RuleError(f"indicator {code}: share thresholds lie between 0 and 1")
        rules[code] = Rule(code, str(raw["metric"]), thresholds, kind)
    return rules


def read_rules(path: Path) -> dict[str, Rule]:
    return parse_rules(json.loads(path.read_text(encoding="utf-8")))


def level_for(value: float, thresholds: tuple[float, ...]) -> int:
    """1 plus the number of thresholds the value reaches (thresholds ascending)."""
    return 1 + sum(1 for t in thresholds if value >= t - 1e-12)


def propose(rule: Rule, figure: Figure) -> Proposal:
    return Proposal(
        indicator=rule.indicator,
        metric=rule.metric,
        level=level_for(figure.value, rule.thresholds),
        figure=figure,
        thresholds=rule.thresholds,
    )
