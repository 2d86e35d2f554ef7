"""Forms of the statistics work pages. The metadata forms are built from the engine's field
definitions (the labels of BPS's forms) and checked by the engine's rules, so a page and an
imported workbook refuse the same things with the same words."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.statistics.models import OUTCOMES, ProsesStatus, RomantikStatus
from satudata.apps.statistics.wording import rule_text
from satudata.engines.stats import metadata as md

YES_NO = [("", "—"), (md.YES, md.YES), (md.NO, md.NO)]
MAX_UPLOAD = 20 * 1024 * 1024


def _form_field(item: md.Field) -> forms.Field:
    common: dict[str, Any] = {"label": item.label, "required": item.required}
    if item.kind == md.LONG:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if item.kind == md.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if item.kind == md.BOOLEAN:
        return forms.ChoiceField(choices=YES_NO, **common)
    if item.kind == md.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *item.choices], **common)
    return forms.CharField(**common)


class MetadataForm(forms.Form):
    """One record of MS-Keg, MS-Var or MS-Ind; `cleaned_data["values"]` is the engine's record."""

    fields_of: tuple[md.Field, ...] = ()
    sheet = ""

    def __init__(self, *args: Any, record: dict[str, Any] | None = None, **kwargs: Any) -> None:
        if record is not None:
            from_record = {
                f.key: md.display(f, record.get(f.key))
                if f.kind == md.BOOLEAN
                else record.get(f.key)
                for f in self.fields_of
            }
            kwargs["initial"] = {**from_record, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        for item in self.fields_of:
            self.fields[item.key] = _form_field(item)

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(name, [self[f.key] for f in items]) for name, items in md.sections(self.fields_of)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        raw = {f.key: data.get(f.key) for f in self.fields_of}
        values, problems = md.clean(self.fields_of, raw, sheet=self.sheet)
        by_label = {f.label: f.key for f in self.fields_of}
        for problem in problems:
            key = by_label[problem.column]
            if key not in self.errors:
                self.add_error(key, rule_text(problem))
        data["values"] = values
        return data


class KegiatanForm(MetadataForm):
    fields_of = md.KEG_FIELDS
    sheet = md.SHEET_KEG

    published = forms.BooleanField(
        label=_("Publish the metadata on the public catalogue"),
        required=False,
        help_text=_("Variables and indicators show there only when their Akses Publik is Ya."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("OPD"), queryset=organisations, required=True
            )

    def clean_organisation(self) -> Organisation:
        found = self.cleaned_data.get("organisation")
        if found is None:
            raise forms.ValidationError(_("Choose the OPD that runs the kegiatan."))
        return found


class VariabelForm(MetadataForm):
    fields_of = md.VAR_FIELDS
    sheet = md.SHEET_VAR


class IndikatorForm(MetadataForm):
    fields_of = md.IND_FIELDS
    sheet = md.SHEET_IND


class RomantikRequestForm(forms.Form):
    nomor_pengajuan = forms.CharField(label=_("Request number"), max_length=100)
    tanggal_pengajuan = forms.DateField(
        label=_("Request date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RomantikOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(s.value, s.label) for s in (RomantikStatus.DIPROSES, *OUTCOMES)],
    )
    nomor_rekomendasi = forms.CharField(
        label=_("Recommendation id"),
        max_length=100,
        required=False,
        help_text=_("Required when the kegiatan is recommended."),
    )
    catatan = forms.CharField(
        label=_("Outcome note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the request is refused: what the OPD must change."),
    )


class ProsesForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProsesStatus.choices)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    mulai = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    selesai = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    catatan = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("The end date comes before the start date."))
        return data


class BuktiForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("E.g. the questionnaire, the minutes of a meeting or the release note."),
    )
    url = forms.URLField(
        label=_("Or a link"),
        required=False,
        assume_scheme="https",
        help_text=_("E.g. the dataset's page on this platform."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Attach either a document or a link (one of the two)."))
        if data.get("file") and data["file"].size > MAX_UPLOAD:
            self.add_error("file", _("The document is larger than 20 MB."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook (.xlsx) or JSON document"),
        help_text=_("The layout of an exported workbook: sheets MS-Keg, MS-Var and MS-Ind."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("OPD"), queryset=organisations
            )


class LinkDatasetForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Dataset"))
    variabel = forms.MultipleChoiceField(
        label=_("Variables it holds"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        datasets: list[tuple[str, str]],
        variabel: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [("", "—"), *datasets]
        self.fields["variabel"].choices = variabel
