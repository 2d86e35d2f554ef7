"""The walidata's checklist entry: the version's conformance to the adopted standard."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satudata.apps.catalog.checks import Check
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.standards import queries

RULE_LABELS = {
    "type": gettext_lazy("type"),
    "required": gettext_lazy("required"),
    "unique": gettext_lazy("unique"),
    "range.min": gettext_lazy("minimum"),
    "range.max": gettext_lazy("maximum"),
    "pattern": gettext_lazy("pattern"),
    "enum": gettext_lazy("allowed values"),
    "code_list": gettext_lazy("code list"),
    "schema.missing_column": gettext_lazy("missing column"),
}


def standard_conformance(dataset: Dataset, version: Version | None) -> Check | None:
    """None when the dataset adopted no standard."""
    found = queries.panel(dataset, version)
    if found is None:
        return None
    standard = found.adoption.standard_version
    label = _("Conforms to the standard %(standard)s v%(number)s") % {
        "standard": standard.standard.title,
        "number": standard.number,
    }
    if version is None:
        return Check("standard_conformance", label, False, [_("No data version yet.")])
    if found.conformance is None:
        return Check("standard_conformance", label, False, [_("Not checked yet.")])
    details = [
        _("Column “%(column)s”: %(problems)s")
        % {
            "column": item.title,
            "problems": ", ".join(
                f"{count} × {RULE_LABELS.get(rule, rule)}" for rule, count in item.counts.items()
            ),
        }
        for item in found.fields
    ]
    return Check("standard_conformance", label, found.conformance.ok, details)
