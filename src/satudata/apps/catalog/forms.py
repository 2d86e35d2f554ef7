"""Forms of the workspace: metadata, uploads, attachments, submission and review."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.actions.datasets import METADATA_FIELDS
from satudata.apps.catalog.actions.layers import COORDINATE_SYSTEMS
from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.catalog.mapping import Unmatched
from satudata.apps.catalog.models import AccessLevel, Dataset, Upload
from satudata.apps.catalog.wilayah_codes import cakupan_choices

MIN_YEAR, MAX_YEAR = 2000, 2100


def split_commas(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class DatasetForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Words that help people find the data, separated by commas."),
    )
    prioritas_years = forms.CharField(
        label=_("Data Prioritas years"),
        required=False,
        max_length=100,
        help_text=_(
            "Years in which the Forum Satu Data named this Data Prioritas, e.g. 2024, 2025."
        ),
    )

    class Meta:
        model = Dataset
        fields = [name for name in METADATA_FIELDS if name != "prioritas_years"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "konsep": forms.Textarea(attrs={"rows": 3}),
            "definisi": forms.Textarea(attrs={"rows": 3}),
            "klasifikasi": forms.Textarea(attrs={"rows": 3}),
            "rujukan": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _(
                "What the data is about and how it was collected. Markdown is allowed."
            ),
            "level_penyajian": _("The smallest area the data is presented for."),
            "cakupan_wilayah": _("The area the whole dataset covers, e.g. the city."),
        }

    def __init__(self, *args: Any, choose_organisation: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cakupan_wilayah"].queryset = cakupan_choices(self.instance.cakupan_wilayah_id)
        if self.instance.pk:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
            self.initial["prioritas_years"] = ", ".join(
                str(y) for y in self.instance.prioritas_years
            )
        if choose_organisation:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Produsen data"),
                queryset=Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS),
            )
            self.order_fields(["organisation"])

    def clean_tags(self) -> list[str]:
        return split_commas(self.cleaned_data["tags"])

    def clean_prioritas_years(self) -> list[int]:
        years = []
        for part in split_commas(self.cleaned_data["prioritas_years"]):
            if not part.isdigit() or not MIN_YEAR <= int(part) <= MAX_YEAR:
                raise forms.ValidationError(
                    _("“%(value)s” is not a year. Write years like 2024, 2025."),
                    params={"value": part},
                )
            years.append(int(part))
        return sorted(set(years))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period ends before it starts."))
        return data

    def metadata(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in METADATA_FIELDS}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Data file"),
        help_text=_(
            "CSV or Excel (XLSX, XLS, ODS). Use the Excel template to get the columns right. "
            "A map layer: a zipped Shapefile, GeoPackage, GeoJSON, KML/KMZ or FlatGeobuf."
        ),
    )
    sheet = forms.CharField(
        label=_("Sheet or layer"),
        required=False,
        max_length=120,
        help_text=_(
            "For Excel files with several sheets, or layer files with several layers; leave "
            "empty to let the portal find the data."
        ),
    )
    crs = forms.CharField(
        label=_("Coordinate system"),
        required=False,
        max_length=40,
        help_text=_(
            "Only for a layer that does not say its own (a Shapefile without .prj): an EPSG "
            "code such as EPSG:32748. Leave empty otherwise."
        ),
    )
    geometry = forms.ChoiceField(
        label=_("Map of a table"),
        choices=Upload.Geometry.choices,
        initial=Upload.Geometry.AUTO,
        required=False,
        help_text=_(
            "A table can also be a map layer: points from its longitude and latitude columns, "
            "or the boundaries of its kode wilayah when each row is one kecamatan or kelurahan."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("What is new in this data, e.g. “Data for 2024 added”."),
    )

    def clean_geometry(self) -> str:
        return self.cleaned_data.get("geometry") or Upload.Geometry.AUTO


class SheetForm(forms.Form):
    sheet = forms.ChoiceField(label=_("Read another sheet"))

    def __init__(self, *args: Any, sheets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(name, name) for name in sheets]


class LayerChoiceForm(forms.Form):
    sheet = forms.ChoiceField(label=_("Layer to publish"))

    def __init__(self, *args: Any, layers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(name, name) for name in layers]


class CrsForm(forms.Form):
    """The coordinate system of a layer that does not say its own: a common one, or a code."""

    choice = forms.ChoiceField(
        label=_("Coordinate system"),
        required=False,
        choices=[("", _("— another code —")), *((c, f"{c} · {n}") for c, n in COORDINATE_SYSTEMS)],
    )
    code = forms.RegexField(
        label=_("Another EPSG code"),
        required=False,
        regex=r"^(?i:EPSG):\d{4,6}$",
        max_length=40,
        error_messages={"invalid": _("Write the code as EPSG: and its number, e.g. EPSG:32748.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["crs"] = (data.get("choice") or data.get("code") or "").upper()
        if not data["crs"] and not self.errors:
            raise forms.ValidationError(_("Choose a coordinate system or write its EPSG code."))
        return data


class ColumnMappingForm(forms.Form):
    """For each column of the data standard missing from the file: which file column holds it."""

    def __init__(self, *args: Any, unmatched: Unmatched, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in my file —")), *((s, s) for s in unmatched.sources)]
        self.targets = unmatched.targets
        for target in unmatched.targets:
            self.fields[f"map_{target.name}"] = forms.ChoiceField(
                label=target.title, choices=choices, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = [data.get(f"map_{t.name}") for t in self.targets if data.get(f"map_{t.name}")]
        if not chosen:
            raise forms.ValidationError(_("Choose the file column for at least one column."))
        if len(set(chosen)) < len(chosen):
            raise forms.ValidationError(_("Each column of your file can be chosen only once."))
        return data

    def mapping(self) -> dict[str, str]:
        """Header in the file → name of the standard's column."""
        return {
            self.cleaned_data[f"map_{t.name}"]: t.name
            for t in self.targets
            if self.cleaned_data.get(f"map_{t.name}")
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    access_level = forms.ChoiceField(label=_("Access level"), choices=AccessLevel.choices)
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("A PDF, DOCX or image, e.g. the questionnaire or the methodology."),
    )
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Attach either a document or a link (one of the two)."))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(NoteForm):
    RETURN, APPROVE = "return", "approve"

    decision = forms.ChoiceField(choices=[(RETURN, RETURN), (APPROVE, APPROVE)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("Note for the produsen")
        self.fields["note"].help_text = _("Required when you return the dataset: say what to fix.")
        for code, label in MANUAL_CHECKS:
            self.fields[f"check_{code}"] = forms.BooleanField(label=label, required=False)

    def manual_fields(self) -> list[forms.BoundField]:
        return [self[f"check_{code}"] for code, _label in MANUAL_CHECKS]

    def manual_results(self) -> dict[str, bool]:
        return {
            code: bool(self.cleaned_data.get(f"check_{code}")) for code, _label in MANUAL_CHECKS
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.APPROVE and not all(self.manual_results().values()):
            raise forms.ValidationError(
                _("Tick every principle you checked before approving, or return the dataset.")
            )
        return data
