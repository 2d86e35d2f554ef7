"""The automatic check on the walidata's review (and the produsen's submit page): is the
dataset's data consistent with the other datasets declared to report the same variable?

The checklist is shown to signed-in government users only (produsen, walidata, pembina), so it
names only other datasets that are published as terbuka or terbatas; tertutup partners are left
out. A candidate version under review is compared live; the published one uses the stored
result."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from satudata.apps.catalog.checks import Check
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.consistency.actions import outcome_for
from satudata.apps.consistency.models import Comparison, ResultStatus

SHAREABLE = ("terbuka", "terbatas")


def _pairs(dataset: Dataset) -> list[Comparison]:
    found = Comparison.objects.filter(active=True).filter(
        Q(dataset_a=dataset) | Q(dataset_b=dataset)
    )
    pairs = found.select_related(
        "dataset_a__published_version", "dataset_b__published_version", "latest"
    )
    return [
        c
        for c in pairs
        if c.other(dataset.pk).access_level in SHAREABLE
        and c.other(dataset.pk).published_version_id is not None
    ]


def _result(comparison: Comparison, dataset: Dataset, version: Version) -> dict[str, Any]:
    latest = comparison.latest
    ours = "version_a_id" if comparison.dataset_a_id == dataset.pk else "version_b_id"
    if latest is not None and getattr(latest, ours) == version.pk:
        return {
            "status": latest.status,
            "disagreements": latest.disagreements,
            "max_relative": latest.max_relative,
            "error": latest.error_message,
        }
    if comparison.dataset_a_id == dataset.pk:
        pair = (version, comparison.dataset_b.published_version)
    else:
        pair = (comparison.dataset_a.published_version, version)
    found = outcome_for(comparison, *pair)
    error = found.get("error") or {}
    return {
        "status": found["status"],
        "disagreements": found.get("disagreements", 0),
        "max_relative": found.get("max_relative"),
        "error": _(error["message"]) % error.get("params", {}) if error else "",
    }


def _detail(comparison: Comparison, dataset: Dataset, found: dict[str, Any]) -> str:
    names = {"dataset": comparison.other(dataset.pk).title, "variable": comparison.variable}
    if found["status"] == ResultStatus.OK:
        return _("%(variable)s: consistent with “%(dataset)s”.") % names
    if found["status"] == ResultStatus.ERROR:
        return _("%(variable)s: could not be compared with “%(dataset)s”: %(error)s") % {
            **names,
            "error": found["error"],
        }
    return _(
        "%(variable)s: %(count)s disagreement(s) with “%(dataset)s” beyond the tolerance "
        "(largest %(percent)s%%)."
    ) % {
        **names,
        "count": found["disagreements"],
        "percent": "—" if found["max_relative"] is None else f"{found['max_relative'] * 100:.1f}",
    }


def consistency_check(dataset: Dataset, version: Version | None) -> Check | None:
    if version is None:
        return None
    pairs = _pairs(dataset)
    if not pairs:
        return None
    details, ok = [], True
    for comparison in pairs:
        found = _result(comparison, dataset, version)
        ok = ok and found["status"] == ResultStatus.OK
        details.append(_detail(comparison, dataset, found))
    return Check(
        "consistency", _("Consistent with other datasets of the same variable"), ok, details
    )
