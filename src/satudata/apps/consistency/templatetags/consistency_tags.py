"""Template tags of the consistency app: the panels on the dataset page and the workspace."""

from typing import Any

from django import template

from satudata.apps.consistency import queries
from satudata.platform.access import viewer_of

register = template.Library()

STATUS_CLASSES = {"ok": "badge-ok", "disagree": "badge-warn", "error": "badge-danger"}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "badge-neutral")


@register.inclusion_tag("consistency/_dataset_panel_body.html", takes_context=True)
def consistency_dataset_panel(context: template.Context) -> dict[str, Any]:
    """The comparisons of the page's dataset that the viewer may see (both datasets)."""
    request, dataset = context.get("request"), context.get("dataset")
    if request is None or dataset is None:
        return {"items": []}
    token = getattr(context.get("page"), "token", None)
    items = [
        {"comparison": c, "other": c.other(dataset.pk), "result": c.latest}
        for c in queries.for_dataset(viewer_of(request), dataset, token)
    ]
    return {"items": items}


@register.inclusion_tag("consistency/_dashboard_panel_body.html", takes_context=True)
def consistency_dashboard_panel(context: template.Context) -> dict[str, Any]:
    """Open disagreements: the walidata's queue, or a produsen's own datasets' ones."""
    request = context.get("request")
    viewer = viewer_of(request) if request is not None else None
    found = queries.queue(viewer) if viewer is not None else None
    is_walidata = bool(viewer and viewer.is_walidata)
    if not is_walidata and not found:
        found = None
    return {"queue": found, "is_walidata": is_walidata}
