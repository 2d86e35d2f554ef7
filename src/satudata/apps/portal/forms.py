"""The dataset list's simple filters (the full search engine comes later)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import AccessLevel, Topic
from satudata.platform.access import Viewer


class DatasetFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    access_level = forms.ChoiceField(
        label=_("Access level"),
        choices=[("", _("All levels")), *AccessLevel.choices],
        required=False,
    )

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        if not viewer.authenticated:
            del self.fields["access_level"]

    def filters(self) -> dict[str, Any]:
        """The cleaned filters, or none when the query string was not valid."""
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
