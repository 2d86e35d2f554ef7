"""Forms of the work pages: new code lists and registers, imports of codes and entries."""

import re
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import AccessLevel

FILE_HELP = _("CSV (UTF-8) or XLSX, with one header row.")


def _slug(form: forms.Form) -> str:
    slug = form.cleaned_data.get("slug") or slugify(form.cleaned_data.get("name", ""))[:80]
    if not slug:
        raise forms.ValidationError(_("Give a short name of letters, digits and hyphens."))
    return slug


class CodeListForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name (in the address)"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and hyphens; made from the name when left empty."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    source = forms.CharField(
        label=_("Source / legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The regulation or publication the codes come from."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.filter(kind__in=["pembina", "walidata"]),
        required=False,
        help_text=_("The pembina data or walidata that keeps the list."),
    )

    def clean_slug(self) -> str:
        return _slug(self)


class CodeImportForm(forms.Form):
    file = forms.FileField(label=_("File of codes"), help_text=FILE_HELP)
    note = forms.CharField(
        label=_("Note on this version"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity is before its start."))
        return data


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name (in the address)"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and hyphens; made from the name when left empty."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    identifier_label = forms.CharField(
        label=_("Identifier label"), max_length=60, help_text=_('e.g. "NPSN" or "Kode Faskes".')
    )
    identifier_pattern = forms.CharField(
        label=_("Identifier pattern"),
        max_length=200,
        required=False,
        help_text=_(r"A regular expression every identifier must match, e.g. ^\d{8}$ for NPSN."),
    )
    access_level = forms.ChoiceField(label=_("Access level"), choices=AccessLevel.choices)

    def __init__(self, *args: Any, choose_owner: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if choose_owner:
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("Owner organisation"),
                queryset=Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS),
            )

    def clean_slug(self) -> str:
        return _slug(self)

    def clean_identifier_pattern(self) -> str:
        pattern = self.cleaned_data["identifier_pattern"]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise forms.ValidationError(
                _("Not a valid regular expression: %(reason)s."), params={"reason": exc}
            ) from exc
        return pattern


class EntryImportForm(forms.Form):
    file = forms.FileField(label=_("File of entries"), help_text=FILE_HELP)
