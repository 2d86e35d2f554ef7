"""Proposal rules: reading the shipped rules, mapping figures to levels. No database."""

from pathlib import Path

import pytest

from satudata.engines.stats import epss_proposals as proposals

DATA = Path(__file__).resolve().parents[3] / "apps" / "epss" / "data"


def test_shipped_rules_cover_the_platform_indicators() -> None:
    rules = proposals.read_rules(DATA / "proposal_rules.json")
    assert set(rules) >= {"10101", "10201", "10401", "20302", "20403", "30401", "50303"}
    assert rules["50303"].kind == "count"


@pytest.mark.parametrize(
    ("numerator", "denominator", "level"),
    [(0, 10, 1), (2, 10, 1), (25, 100, 2), (59, 100, 2), (6, 10, 3), (89, 100, 3), (9, 10, 4)],
)
def test_share_to_level(numerator: int, denominator: int, level: int) -> None:
    rule = proposals.Rule("10201", "metadata_complete", (0.25, 0.6, 0.9))
    proposal = proposals.propose(rule, proposals.Figure(numerator, denominator))
    assert proposal.level == level


def test_no_datasets_is_level_one_and_next_threshold() -> None:
    rule = proposals.Rule("10201", "metadata_complete", (0.25, 0.6, 0.9))
    proposal = proposals.propose(rule, proposals.Figure(0, 0))
    assert proposal.level == 1
    assert proposal.next_threshold == 0.25
    top = proposals.propose(rule, proposals.Figure(10, 10))
    assert top.level == 4 and top.next_threshold is None


def test_count_rule() -> None:
    rule = proposals.Rule("50303", "big_data", (1, 3), "count")
    assert proposals.propose(rule, proposals.Figure(0, kind="count")).level == 1
    assert proposals.propose(rule, proposals.Figure(2, kind="count")).level == 2
    assert proposals.propose(rule, proposals.Figure(3, kind="count")).level == 3


@pytest.mark.parametrize(
    "raw",
    [
        {"metric": "x", "thresholds": [0.6, 0.2]},
        {"metric": "x", "thresholds": [0.1, 0.2, 0.3, 0.4, 0.5]},
        {"metric": "x", "thresholds": [2]},
        {"metric": "x", "thresholds": [1], "kind": "other"},
    ],
)
def test_bad_rules_are_refused(raw: dict) -> None:
    with pytest.raises(proposals.RuleError, match="10101"):
        proposals.parse_rules({"rules": {"10101": raw}})
