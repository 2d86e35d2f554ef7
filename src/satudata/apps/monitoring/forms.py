"""Filters of the audit log."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.monitoring.queries import audit_choices


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Done by"), required=False, max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("All organisations"),
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [
            (a, a) for a in audit_choices("action")
        ]
        self.fields["object_type"].choices = [("", _("All types"))] + [
            (t, t) for t in audit_choices("object_type")
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
