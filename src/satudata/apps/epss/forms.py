"""Forms of the EPSS pages."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.epss import reference
from satudata.apps.epss.actions import MAX_WEIGHT, MAX_YEAR, MIN_YEAR
from satudata.engines.stats import epss

LEVEL_CHOICES = [
    ("", _("— not assessed —")),
    *((str(k), v) for k, v in reference.LEVEL_LABELS.items()),
]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Assessment year"), min_value=MIN_YEAR, max_value=MAX_YEAR)


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("A PDF, DOCX, XLSX or image: the decree, the minutes, the report."),
    )
    url = forms.URLField(
        label=_("Or a link"),
        required=False,
        assume_scheme="https",
        help_text=_("For example a page of this portal that shows the evidence."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Attach either a document or a link (one of the two)."))
        return data


class WeightsForm(forms.Form):
    """One number per domain, aspect and indicator, named `<kind>_<code>`."""

    def __init__(self, *args: Any, rows: list[tuple[str, str, float]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        catalogue = reference.catalogue()
        names = {kind: catalogue.names(kind) for kind in epss.WEIGHT_KINDS}
        for kind, code, weight in rows:
            self.fields[f"{kind}_{code}"] = forms.DecimalField(
                label=f"{code} {names[kind].get(code, '')}",
                initial=Decimal(str(weight)).normalize(),
                min_value=Decimal(0),
                max_value=MAX_WEIGHT,
                decimal_places=2,
                max_digits=7,
            )

    def values(self) -> dict[tuple[str, str], Decimal]:
        result = {}
        for name, value in self.cleaned_data.items():
            kind, _sep, code = name.partition("_")
            result[(kind, code)] = value
        return result

    def by_kind(self, kind: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(f"{kind}_")]
