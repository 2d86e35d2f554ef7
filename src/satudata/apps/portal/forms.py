"""The dataset list's search box and sort; facets come from the search result itself."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

SORT_CHOICES = [
    ("", _("Best first")),
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("most_used", _("Most used")),
    ("modified", _("Recently updated metadata")),
    ("title", _("Title (A–Z)")),
]


class DatasetSearchForm(forms.Form):
    q = forms.CharField(label=_("Search datasets"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {
                "type": "search",
                "placeholder": _("e.g. penduduk, kesehatan, sekolah"),
                "autocomplete": "off",
            }
        )
