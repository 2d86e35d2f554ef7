"""`{% standard_panel dataset version %}`: adopted standard and conformance on a dataset page."""

from typing import Any

from django import template

from satudata.apps.standards import queries
from satudata.apps.standards.checks import RULE_LABELS

register = template.Library()


@register.inclusion_tag("standards/_panel.html")
def standard_panel(dataset: Any, version: Any) -> dict[str, Any]:
    """The page that includes it has already checked that the viewer may see `dataset` and
    `version`."""
    return {"panel": queries.panel(dataset, version), "labels": RULE_LABELS}


@register.filter
def rule_label(rule: str) -> str:
    return str(RULE_LABELS.get(rule, rule))
