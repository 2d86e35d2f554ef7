"""Listeners connected in `MonitoringConfig.ready`: a published version adds to the release log
and refreshes the dataset's quality score."""

from typing import Any

from satudata.apps.catalog.models import Dataset
from satudata.apps.monitoring.actions import do_refresh_quality
from satudata.apps.monitoring.releases import record_on_publish


def on_publish(sender: Any, *, dataset: Dataset, **kwargs: Any) -> None:
    record_on_publish(sender, dataset=dataset, **kwargs)
    do_refresh_quality([dataset.pk])
