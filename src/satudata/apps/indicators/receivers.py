"""Listener connected in `IndicatorsConfig.ready`: a published (or rolled back to) version
recomputes the periods it holds for every indicator computed from its dataset."""

from typing import Any

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.indicators.actions import do_apply_version
from satudata.apps.indicators.models import Indicator


def on_publish(sender: Any, *, dataset: Dataset, version: Version, **kwargs: Any) -> None:
    for indicator in Indicator.objects.filter(
        dataset=dataset, method=Indicator.Method.COMPUTED
    ).select_related("organisation"):
        do_apply_version(indicator, version)
