"""Filters of the audit log and the dashboard, and the planning forms."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset
from satudata.apps.monitoring.dashboard import Period, default_period
from satudata.apps.monitoring.models import PlannedElement
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


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if start and end and (end - start).days > 366 * 5:
            raise forms.ValidationError(_("Choose a period of at most five years."))
        return data

    def period(self, today: date) -> Period:
        default = default_period(today)
        if not self.is_valid():
            return default
        return Period(
            self.cleaned_data.get("start") or default.start,
            self.cleaned_data.get("end") or default.end,
        )


class PlannedElementForm(forms.ModelForm):
    class Meta:
        model = PlannedElement
        fields = ["name", "dataset", "frekuensi", "due_date", "prioritas"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = Dataset.objects.filter(organisation=organisation)
        self.fields["dataset"].required = False


class ApprovalForm(forms.Form):
    forum_note = forms.CharField(
        label=_("Forum Satu Data decision"),
        max_length=300,
        help_text=_("The meeting and decision, e.g. “Forum Satu Data, 12 Maret 2026, No. 3”."),
    )


class PrioritasForm(forms.Form):
    dataset = forms.ModelChoiceField(label=_("Dataset"), queryset=Dataset.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    forum_note = forms.CharField(label=_("Forum Satu Data decision"), max_length=300)
    kriteria = forms.CharField(label=_("Kriteria prioritas"), max_length=300, required=False)

    def __init__(self, *args: Any, datasets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = datasets
