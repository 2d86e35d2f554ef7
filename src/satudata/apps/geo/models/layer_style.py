"""How the produsen wants a layer drawn on every map of the portal: one colour, a colour per
value of an attribute, or classes of a numeric attribute (a choropleth). Only the choices are
kept; the classes are worked out from each version's own values when a map draws it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models import Dataset
from satudata.engines.geo.styles import SEQUENTIAL, Kind, Method

KIND_LABELS = {
    Kind.SINGLE: _("One colour"),
    Kind.CATEGORISED: _("A colour per value (categorised)"),
    Kind.GRADUATED: _("Classes of a number (graduated, choropleth)"),
}
METHOD_LABELS = {
    Method.QUANTILE: _("Quantile (as many features in each class)"),
    Method.EQUAL_INTERVAL: _("Equal interval"),
    Method.NATURAL_BREAKS: _("Natural breaks (Jenks)"),
}


class LayerStyle(models.Model):
    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, related_name="layer_style")
    kind = models.CharField(
        _("style"),
        max_length=20,
        choices=[(k.value, label) for k, label in KIND_LABELS.items()],
        default=Kind.SINGLE.value,
    )
    attribute = models.CharField(_("attribute"), max_length=120, blank=True)
    method = models.CharField(
        _("classification"),
        max_length=20,
        choices=[(m.value, label) for m, label in METHOD_LABELS.items()],
        default=Method.QUANTILE.value,
    )
    classes = models.PositiveSmallIntegerField(
        _("number of classes"),
        default=5,
        help_text=_("From 2 to 9."),
    )
    palette = models.CharField(
        _("colour ramp"),
        max_length=20,
        choices=[(name, name) for name in SEQUENTIAL],
        default="Blues",
    )
    colour = models.CharField(_("colour"), max_length=7, default="#0a4d8c")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("layer style")
        verbose_name_plural = _("layer styles")

    def __str__(self) -> str:
        return str(self.dataset)
