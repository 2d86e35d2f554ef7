"""`{% standard_panel dataset version token %}`: adopted standard and conformance on a dataset page,
with the way to the adopt page for those who may adopt a standard for the dataset."""

from typing import Any

from django import template

from satudata.apps.standards import permissions, queries
from satudata.apps.standards.checks import RULE_LABELS
from satudata.platform.access import viewer_of

register = template.Library()


@register.inclusion_tag("standards/_panel.html", takes_context=True)
def standard_panel(
    context: template.Context, dataset: Any, version: Any, token: str | None = None
) -> dict[str, Any]:
    """The page that includes it has already checked that the viewer may see `dataset` and
    `version`; `token` is the index token the page was built under."""
    request = context.get("request")
    can_adopt = request is not None and permissions.can_adopt(viewer_of(request), dataset)
    return {
        "panel": queries.panel(dataset, version, token),
        "labels": RULE_LABELS,
        "dataset": dataset,
        "can_adopt": can_adopt,
    }


@register.filter
def rule_label(rule: str) -> str:
    return str(RULE_LABELS.get(rule, rule))
