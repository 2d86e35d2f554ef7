"""The harvesting panel of the workspace (walidata and admin only)."""

from typing import Any

from django import template

from satudata.apps.harvest.models import HarvestRun, HarvestSource
from satudata.platform import access

register = template.Library()


@register.inclusion_tag("harvest/_panel.html", takes_context=True)
def harvest_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    viewer = access.viewer_of(request) if request is not None else access.ANONYMOUS
    if not viewer.is_walidata:
        return {"show": False}
    return {
        "show": True,
        "sources": HarvestSource.objects.filter(active=True).count(),
        "recent": HarvestRun.objects.select_related("source")[:3],
    }
