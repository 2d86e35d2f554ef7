"""The layer's ISO 19115 fields, and the ISO XML file that prefills them."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.geo.models import LayerMetadata, LayerStyle
from satudata.engines.geo.iso19139 import kugi_problems
from satudata.engines.geo.styles import MAX_CLASSES, MIN_CLASSES, Kind

MAX_ISO_BYTES = 2 * 1024 * 1024
COLOUR = re.compile(r"#[0-9a-f]{6}")
NUMERIC = ("integer", "number")
MAX_MAP_LAYERS = 6
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


class LayerStyleForm(forms.ModelForm):
    """The style's choices; the attribute is one of the version's, a number for classes."""

    class Meta:
        model = LayerStyle
        fields = ["kind", "attribute", "method", "classes", "palette", "colour"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}

    def __init__(
        self, *args: Any, fields: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.types = {f["name"]: f["type"] for f in fields or []}
        titles = {f["name"]: f.get("title") or f["name"] for f in fields or []}
        choices = [("", _("(none)"))] + [(name, titles[name]) for name in self.types]
        self.fields["attribute"] = forms.ChoiceField(
            label=_("attribute"), choices=choices, required=False
        )
        self.fields["classes"].widget.attrs.update(min=MIN_CLASSES, max=MAX_CLASSES)

    def clean_colour(self) -> str:
        colour = str(self.cleaned_data.get("colour") or "").strip().lower()
        if not COLOUR.fullmatch(colour):
            raise forms.ValidationError(_("Write the colour as #rrggbb, for example #0a4d8c."))
        return colour

    def clean_classes(self) -> int:
        classes = self.cleaned_data.get("classes") or 0
        if not MIN_CLASSES <= classes <= MAX_CLASSES:
            raise forms.ValidationError(
                _("Choose from %(low)s to %(high)s classes.")
                % {"low": MIN_CLASSES, "high": MAX_CLASSES}
            )
        return classes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, attribute = data.get("kind"), data.get("attribute") or ""
        if kind == Kind.SINGLE:
            data["attribute"] = ""
        elif not attribute:
            self.add_error("attribute", _("Choose the attribute that the colours show."))
        elif kind == Kind.GRADUATED and self.types.get(attribute) not in NUMERIC:
            self.add_error(
                "attribute",
                _("Classes need a number; “%(attribute)s” is not one.") % {"attribute": attribute},
            )
        return data


class SavedMapForm(forms.Form):
    """A saved map: its words, its layers top first (each with its opacity) and its view."""

    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_public = forms.BooleanField(
        label=_("listed for everyone"),
        required=False,
        initial=True,
        help_text=_("Otherwise only your organisation and the walidata see the map."),
    )
    center_lon = forms.FloatField(
        label=_("centre longitude"), required=False, min_value=-180, max_value=180
    )
    center_lat = forms.FloatField(
        label=_("centre latitude"), required=False, min_value=-90, max_value=90
    )
    zoom = forms.FloatField(label=_("zoom"), required=False, min_value=0, max_value=22)

    def __init__(self, *args: Any, layers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(none)")), *layers]
        for k in range(1, MAX_MAP_LAYERS + 1):
            self.fields[f"layer_{k}"] = forms.ChoiceField(
                label=_("Layer %(number)s") % {"number": k}, choices=choices, required=False
            )
            self.fields[f"opacity_{k}"] = forms.IntegerField(
                label=_("Opacity (%%) of layer %(number)s") % {"number": k},
                min_value=0,
                max_value=100,
                initial=100,
                required=False,
            )

    def layer_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"layer_{k}"], self[f"opacity_{k}"]) for k in range(1, MAX_MAP_LAYERS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen: list[dict[str, Any]] = []
        for k in range(1, MAX_MAP_LAYERS + 1):
            slug = data.get(f"layer_{k}")
            if not slug:
                continue
            if any(item["dataset"] == slug for item in chosen):
                self.add_error(f"layer_{k}", _("This layer is already on the map."))
                continue
            opacity = data.get(f"opacity_{k}")
            chosen.append({"dataset": slug, "opacity": 100 if opacity is None else opacity})
        if not chosen:
            self.add_error("layer_1", _("Choose at least one layer."))
        data["layers"] = chosen
        centre = [data.get("center_lon"), data.get("center_lat"), data.get("zoom")]
        data["view"] = (
            {"center": centre[:2], "zoom": centre[2]} if all(v is not None for v in centre) else {}
        )
        return data
