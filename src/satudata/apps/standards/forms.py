"""Forms of the standards work pages; each turns its input into the engine's dataclasses."""

import json
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset, Topic
from satudata.apps.codelists.models import CodeList
from satudata.apps.standards.models import StandardVersion, WilayahLevel
from satudata.apps.standards.models.standards import FIELD_TYPES
from satudata.engines import standards
from satudata.engines.tabular import FieldType

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class StandardForm(forms.Form):
    slug = forms.SlugField(label=gettext_lazy("Address (slug)"), max_length=80)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"), queryset=Topic.objects.all(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Pembina data"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=gettext_lazy("Only the walidata chooses; a pembina writes for its own."),
    )


class TextsForm(forms.Form):
    konsep = forms.CharField(
        label="konsep", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    definisi = forms.CharField(
        label="definisi", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    klasifikasi = forms.CharField(
        label="klasifikasi", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    ukuran = forms.CharField(label="ukuran", max_length=200, required=False)
    satuan = forms.CharField(label="satuan", max_length=100, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note on this version"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class FieldForm(forms.Form):
    name = forms.RegexField(
        label=gettext_lazy("Name"),
        regex=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$",
        error_messages={
            "invalid": gettext_lazy("Letters, digits and _ only; start with a letter.")
        },
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    description = forms.CharField(label=gettext_lazy("Description"), required=False)
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=FIELD_TYPES)
    konsep = forms.CharField(label="konsep", required=False)
    definisi = forms.CharField(label="definisi", required=False)
    klasifikasi = forms.CharField(label="klasifikasi", required=False)
    ukuran = forms.CharField(label="ukuran", max_length=200, required=False)
    satuan = forms.CharField(label="satuan", max_length=100, required=False)
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False)
    unique = forms.BooleanField(label=gettext_lazy("Unique"), required=False)
    minimum = forms.CharField(label=gettext_lazy("Minimum"), max_length=40, required=False)
    maximum = forms.CharField(label=gettext_lazy("Maximum"), max_length=40, required=False)
    pattern = forms.CharField(label=gettext_lazy("Pattern"), max_length=300, required=False)
    enum = forms.CharField(
        label=gettext_lazy("Allowed values"),
        required=False,
        help_text=gettext_lazy("Separated by commas."),
    )
    code_list = forms.ModelChoiceField(
        label=gettext_lazy("Code list"),
        queryset=CodeList.objects.all(),
        to_field_name="slug",
        required=False,
    )
    wilayah_level = forms.ChoiceField(
        label=gettext_lazy("Kode wilayah level"),
        choices=[("", "—"), *WilayahLevel.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = FieldType(data.get("type") or "string")
        for key in ("minimum", "maximum"):
            try:
                data[key] = standards.parse_bound(kind, data.get(key))
            except (TypeError, ValueError):
                self.add_error(key, _("This value does not fit the field's type."))
        return data

    def to_engine(self) -> standards.StandardField:
        data = self.cleaned_data
        enum = tuple(v.strip() for v in (data.get("enum") or "").split(",") if v.strip())
        code_list = data.get("code_list")
        return standards.StandardField(
            name=data["name"],
            type=FieldType(data["type"]),
            title=data.get("title", ""),
            description=data.get("description", ""),
            **{key: data.get(key, "") for key in standards.SDI_TEXTS},
            required=bool(data.get("required")),
            unique=bool(data.get("unique")),
            minimum=data.get("minimum"),
            maximum=data.get("maximum"),
            pattern=data.get("pattern") or None,
            enum=enum or None,
            code_list=code_list.slug if code_list else None,
            wilayah_level=data.get("wilayah_level") or None,
        )


FieldFormSet = formset_factory(FieldForm, extra=2, can_delete=True, max_num=500)


def field_initial(rows: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": r.name,
            "title": r.title,
            "description": r.description,
            "type": r.type,
            **{key: getattr(r, key) for key in standards.SDI_TEXTS},
            "required": r.required,
            "unique": r.unique,
            "minimum": r.minimum,
            "maximum": r.maximum,
            "pattern": r.pattern,
            "enum": ", ".join(str(v) for v in r.enum),
            "code_list": r.code_list.slug if r.code_list_id else None,
            "wilayah_level": r.wilayah_level,
        }
        for r in rows
    ]


def formset_fields(formset: Any) -> list[standards.StandardField]:
    return [
        form.to_engine()
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Table Schema file (JSON)"), required=False)
    text = forms.CharField(
        label=gettext_lazy("or paste the JSON"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    standard = forms.ModelChoiceField(
        label=gettext_lazy("As the next version of"),
        queryset=None,
        required=False,
        to_field_name="slug",
    )
    slug = forms.SlugField(label=gettext_lazy("Address (slug) of a new standard"), required=False)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250, required=False)

    def __init__(self, *args: Any, standards_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards_qs

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("file")
        raw: str | bytes = data.get("text") or ""
        if upload is not None:
            if upload.size > MAX_IMPORT_BYTES:
                raise forms.ValidationError(_("The file is larger than 5 MB."))
            raw = upload.read()
        try:
            data["descriptor"] = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise forms.ValidationError(_("This is not a JSON document.")) from exc
        if data.get("standard") is None and not data.get("slug"):
            raise forms.ValidationError(_("Choose a standard or give the new one an address."))
        return data


class ProposeForm(forms.Form):
    dataset = forms.ModelChoiceField(
        label=gettext_lazy("Dataset"), queryset=Dataset.objects.none(), to_field_name="slug"
    )
    slug = forms.SlugField(label=gettext_lazy("Address (slug) of the standard"), max_length=80)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)

    def __init__(self, *args: Any, datasets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = datasets


class AdoptForm(forms.Form):
    standard_version = forms.ModelChoiceField(
        label=gettext_lazy("Standard version"),
        queryset=StandardVersion.objects.none(),
        required=False,
        empty_label=gettext_lazy("No standard"),
    )

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard_version"].queryset = versions
