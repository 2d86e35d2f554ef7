"""The walidata's declaration form: first the two datasets, then each one's columns, chosen
from the fields of its published version."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models import Dataset
from satudata.apps.consistency.actions import (
    PERIOD_TYPES,
    VALUE_TYPES,
    Declaration,
    SideSpec,
    looks_like_kode_wilayah,
)
from satudata.apps.consistency.models import PeriodGrain, WilayahLevel

NONE = [("", _("(none)"))]


class PairForm(forms.Form):
    a = forms.ModelChoiceField(
        queryset=Dataset.objects.none(),
        to_field_name="slug",
        label=_("Dataset A (the reference, e.g. Disdukcapil's)"),
    )
    b = forms.ModelChoiceField(
        queryset=Dataset.objects.none(), to_field_name="slug", label=_("Dataset B")
    )

    def __init__(self, *args: Any, datasets: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = datasets.filter(published_version__isnull=False).select_related("organisation")
        for name in ("a", "b"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = choices.order_by("title")
            field.label_from_instance = lambda d: (
                f"{d.title} · {d.organisation.short_name or d.organisation}"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("a") is not None and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Choose two different datasets."))
        return data


def _choices(dataset: Dataset, keep: Any, optional: bool = False) -> list[tuple[str, str]]:
    fields = dataset.published_version.fields if dataset.published_version else []
    found = [(f["name"], f"{f.get('title') or f['name']} ({f['name']})") for f in fields if keep(f)]
    return NONE + found if optional else found


class DeclareForm(forms.Form):
    variable = forms.CharField(
        label=_("Variable"),
        max_length=200,
        help_text=_("What both datasets report, e.g. “Jumlah penduduk”."),
    )
    tolerance_percent = forms.FloatField(
        label=_("Tolerance (%)"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=_("Differences up to this share of A's value are accepted."),
    )
    tolerance_absolute = forms.FloatField(
        label=_("Tolerance (units)"),
        required=False,
        min_value=0,
        max_value=1e15,
        help_text=_("Differences up to this many units are accepted."),
    )
    wilayah_level = forms.ChoiceField(
        label=_("Compare at level"),
        choices=WilayahLevel.choices,
        required=False,
        help_text=_("Kelurahan codes can be summed up to their kecamatan."),
    )
    period_grain = forms.ChoiceField(
        label=_("Period of a date column"), choices=PeriodGrain.choices, initial="year"
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, a: Dataset, b: Dataset, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.datasets = {"a": a, "b": b}
        for suffix, dataset in self.datasets.items():
            title = dataset.title
            self.fields[f"value_{suffix}"] = forms.ChoiceField(
                label=_("Value column of “%(title)s”") % {"title": title},
                choices=_choices(dataset, lambda f: f.get("type") in VALUE_TYPES),
            )
            self.fields[f"wilayah_{suffix}"] = forms.ChoiceField(
                label=_("Kode wilayah column of “%(title)s”") % {"title": title},
                choices=_choices(dataset, looks_like_kode_wilayah),
            )
            self.fields[f"period_{suffix}"] = forms.ChoiceField(
                label=_("Period column of “%(title)s”") % {"title": title},
                choices=_choices(dataset, lambda f: f.get("type") in PERIOD_TYPES, True),
                required=False,
            )
            self.fields[f"filter_column_{suffix}"] = forms.ChoiceField(
                label=_("Filter column of “%(title)s”") % {"title": title},
                choices=_choices(dataset, lambda f: True, True),
                required=False,
            )
            self.fields[f"filter_value_{suffix}"] = forms.CharField(
                label=_("Keep rows whose filter column equals"),
                max_length=200,
                required=False,
            )

    def side_fields(self, suffix: str) -> list[forms.BoundField]:
        names = ("value", "wilayah", "period", "filter_column", "filter_value")
        return [self[f"{name}_{suffix}"] for name in names]

    @property
    def fields_a(self) -> list[forms.BoundField]:
        return self.side_fields("a")

    @property
    def fields_b(self) -> list[forms.BoundField]:
        return self.side_fields("b")

    def declaration(self) -> Declaration:
        data = self.cleaned_data

        def side(suffix: str) -> SideSpec:
            return SideSpec(
                dataset=self.datasets[suffix],
                value=data[f"value_{suffix}"],
                wilayah=data[f"wilayah_{suffix}"],
                period=data.get(f"period_{suffix}") or "",
                filter_column=data.get(f"filter_column_{suffix}") or "",
                filter_value=data.get(f"filter_value_{suffix}") or "",
            )

        return Declaration(
            variable=data["variable"],
            a=side("a"),
            b=side("b"),
            tolerance_absolute=data.get("tolerance_absolute"),
            tolerance_percent=data.get("tolerance_percent"),
            wilayah_level=data.get("wilayah_level") or "",
            period_grain=data.get("period_grain") or "year",
            note=data.get("note") or "",
        )


class RetireForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it retired?"),
        max_length=500,
        required=False,
        widget=forms.TextInput(),
    )
