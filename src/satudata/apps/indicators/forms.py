"""Forms of the indicator work pages: the definition, values typed or pasted, and a target."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from satudata.apps.indicators.actions import Definition
from satudata.apps.indicators.models import Indicator, Level
from satudata.apps.statistics.models import Indikator


class IndicatorForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Producer (OPD)"))
    name = forms.CharField(label=_("Name"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60, help_text=_("E.g. persen, jiwa, km."))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Indicator.Direction.choices)
    decimals = forms.IntegerField(label=_("Decimals"), min_value=0, max_value=6, initial=2)
    method = forms.ChoiceField(
        label=_("How values are obtained"),
        choices=Indicator.Method.choices,
        widget=forms.RadioSelect,
    )
    dataset = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Dataset"),
        help_text=_("Published datasets you may see; the indicator follows each new version."),
    )
    formula = forms.CharField(
        label=_("Formula"),
        required=False,
        max_length=500,
        help_text=_(
            "Aggregates of column names with + - * / and parentheses, e.g. "
            "sum(rtlh_diperbaiki) / sum(rtlh_terdata) * 100. Allowed: sum, mean, min, max, "
            "count and count_distinct."
        ),
    )
    period_column = forms.CharField(
        label=_("Period column"),
        required=False,
        max_length=120,
        help_text=_("E.g. tahun. Empty: the year the version was uploaded."),
    )
    wilayah_column = forms.CharField(label=_("Kode wilayah column"), required=False, max_length=120)
    deepest_level = forms.ChoiceField(label=_("Computed down to"), choices=Level.choices)
    indikator = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("MS-Ind metadata"),
        help_text=_("The indicator's BPS metadata, recorded with its kegiatan statistik."),
    )
    published = forms.BooleanField(label=_("Show on the portal"), required=False)

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet | None,
        datasets: QuerySet,
        entries: QuerySet,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["dataset"].queryset = datasets
        self.fields["indikator"].queryset = entries
        self.fields["indikator"].label_from_instance = self._entry_label

    @staticmethod
    def _entry_label(entry: Indikator) -> str:
        return f"{entry.nama} — {entry.kegiatan.judul}"

    def definition(self) -> Definition:
        data = self.cleaned_data
        return Definition(
            name=data["name"],
            unit=data["unit"].strip(),
            method=data["method"],
            description=data["description"].strip(),
            decimals=data["decimals"] if data["decimals"] is not None else 2,
            direction=data["direction"],
            dataset=data["dataset"],
            formula=data["formula"].strip(),
            wilayah_column=data["wilayah_column"].strip(),
            period_column=data["period_column"].strip(),
            deepest_level=data["deepest_level"],
            indikator=data["indikator"],
            published=data["published"],
        )


def initial_of(indicator: Indicator) -> dict[str, Any]:
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "description": indicator.description,
        "direction": indicator.direction,
        "decimals": indicator.decimals,
        "method": indicator.method,
        "dataset": indicator.dataset_id,
        "formula": indicator.formula,
        "period_column": indicator.period_column,
        "wilayah_column": indicator.wilayah_column,
        "deepest_level": indicator.deepest_level,
        "indikator": indicator.indikator_id,
        "published": indicator.published,
    }


class ValuesForm(forms.Form):
    text = forms.CharField(
        label=_("Values"),
        max_length=400_000,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "One value per line: period, kode wilayah (empty for the whole city), value, "
            "source — separated by tabs (paste from a spreadsheet), semicolons or commas. "
            "E.g. 2023;;12,5;Laporan Dinkes 2023."
        ),
    )


class TargetForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=20)
    value = forms.FloatField(label=_("Target"), localize=True)
    source = forms.CharField(
        label=_("Source of the target"), max_length=300, help_text=_("E.g. RPJMD 2025–2029.")
    )
