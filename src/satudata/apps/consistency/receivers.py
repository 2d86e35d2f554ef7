"""Listeners connected in `ConsistencyConfig.ready`: a newly published (or republished)
version recomputes every comparison that involves its dataset."""

from typing import Any

from satudata.apps.consistency.actions import do_recompute_for_dataset


def recompute_on_publish(sender: Any, *, dataset: Any, **kwargs: Any) -> None:
    do_recompute_for_dataset(dataset)
