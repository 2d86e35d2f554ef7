"""The layer's ISO 19115 fields, and the ISO XML file that prefills them."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.geo.models import LayerMetadata
from satudata.engines.geo.iso19139 import kugi_problems

MAX_ISO_BYTES = 2 * 1024 * 1024
KUGI_MESSAGES = {
    "kugi.form": _(
        "A KUGI feature class is written NAME_AR_25K: the name in capitals, AR, LN or PT for "
        "areas, lines or points, and the scale in thousands."
    ),
    "kugi.shape": _("The KUGI feature class is for %(kugi)s, but this layer holds %(layer)s."),
    "kugi.scale": _("The KUGI feature class is at 1:%(kugi)s, but the scale given is 1:%(scale)s."),
}
SHAPE_NAMES = {"polygon": _("areas"), "line": _("lines"), "point": _("points")}
KUGI_SHAPE = {"AR": "polygon", "LN": "line", "PT": "point"}


class LayerMetadataForm(forms.ModelForm):
    class Meta:
        model = LayerMetadata
        fields = [
            "topic_category",
            "lineage",
            "scale_denominator",
            "resolution_m",
            "kugi_class",
            "kugi_code",
        ]
        widgets = {"lineage": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, family: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = family

    def clean_kugi_class(self) -> str:
        return str(self.cleaned_data.get("kugi_class") or "").strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kugi = data.get("kugi_class") or ""
        scale = data.get("scale_denominator")
        for code in kugi_problems(kugi, self.family, scale):
            params = {}
            if code != "kugi.form":
                parts = kugi.split("_")
                params = {
                    "kugi": SHAPE_NAMES[KUGI_SHAPE[parts[-2]]]
                    if code == "kugi.shape"
                    else f"{int(parts[-1][:-1]) * 1000:,}".replace(",", "."),
                    "layer": SHAPE_NAMES.get(self.family or "", self.family),
                    "scale": f"{scale or 0:,}".replace(",", "."),
                }
            self.add_error("kugi_class", KUGI_MESSAGES[code] % params)
        return data


class IsoImportForm(forms.Form):
    iso_file = forms.FileField(
        label=_("ISO 19139 XML file"),
        help_text=_("Metadata exported from ArcGIS, QGIS or GeoNetwork, to fill the form below."),
    )

    def clean_iso_file(self) -> bytes:
        upload = self.cleaned_data["iso_file"]
        if upload.size > MAX_ISO_BYTES:
            raise forms.ValidationError(_("The metadata file is larger than 2 MB."))
        return upload.read()
