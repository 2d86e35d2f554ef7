"""The harvesting panel of the workspace (walidata and admin only) and the source of a harvested
dataset on its page."""

from typing import Any

from django import template

from satudata.apps.catalog.models import Dataset
from satudata.apps.harvest.models import HarvestedDataset, HarvestRun, HarvestSource
from satudata.apps.search.memo import Memo
from satudata.platform import access

register = template.Library()
HARVESTED = Memo(size=4)


@register.simple_tag
def harvest_record(dataset: Dataset, token: str | None = None) -> HarvestedDataset | None:
    """Where `dataset` was harvested from; with the index `token`, the datasets made here, most
    of them, cost no query (a harvested dataset's creation renews the token)."""
    harvested = HarvestedDataset.objects.values_list("dataset_id", flat=True)
    if not HARVESTED.may_hold(token, dataset.pk, lambda: harvested):
        return None
    return HarvestedDataset.objects.select_related("source").filter(dataset=dataset).first()


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
