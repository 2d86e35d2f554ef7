"""What SNI 8843-1:2019 (ISO 19115) asks of a layer beyond the catalogue's own metadata: the
ISO topic category, the lineage, the scale or resolution and the KUGI feature class. Title,
abstract, keywords, contact, constraints, dates, extent and reference system come from the
dataset and its published version."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models import Dataset
from satudata.engines.geo.iso19139 import TOPIC_CATEGORIES

TOPIC_LABELS = {
    "farming": _("Farming"),
    "biota": _("Biota"),
    "boundaries": _("Boundaries"),
    "climatologyMeteorologyAtmosphere": _("Climatology, meteorology, atmosphere"),
    "economy": _("Economy"),
    "elevation": _("Elevation"),
    "environment": _("Environment"),
    "geoscientificInformation": _("Geoscientific information"),
    "health": _("Health"),
    "imageryBaseMapsEarthCover": _("Imagery, base maps, earth cover"),
    "intelligenceMilitary": _("Intelligence, military"),
    "inlandWaters": _("Inland waters"),
    "location": _("Location"),
    "oceans": _("Oceans"),
    "planningCadastre": _("Planning, cadastre"),
    "society": _("Society"),
    "structure": _("Structure"),
    "transportation": _("Transportation"),
    "utilitiesCommunication": _("Utilities, communication"),
}


class LayerMetadata(models.Model):
    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, related_name="layer_metadata")
    topic_category = models.CharField(
        _("ISO topic category"),
        max_length=40,
        blank=True,
        choices=[(code, TOPIC_LABELS[code]) for code in TOPIC_CATEGORIES],
    )
    lineage = models.TextField(
        _("lineage"), blank=True, help_text=_("Where the data comes from and how it was made.")
    )
    scale_denominator = models.PositiveIntegerField(
        _("scale (1 : …)"), null=True, blank=True, help_text=_("For example 25000 for 1:25.000.")
    )
    resolution_m = models.FloatField(_("resolution (metres)"), null=True, blank=True)
    kugi_class = models.CharField(
        _("KUGI feature class"),
        max_length=80,
        blank=True,
        help_text=_("As in the Katalog Unsur Geografi Indonesia, e.g. ADMINISTRASIDESA_AR_25K."),
    )
    kugi_code = models.CharField(_("KUGI code (FCODE)"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("layer metadata")
        verbose_name_plural = _("layer metadata")

    def __str__(self) -> str:
        return str(self.dataset)
