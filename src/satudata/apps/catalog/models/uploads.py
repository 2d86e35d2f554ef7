"""An upload waiting to become a version: its file, the engine's report and the job."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Upload(models.Model):
    class Status(models.TextChoices):
        PROCESSING = "processing", _("being checked")
        READY = "ready", _("ready to save")
        INVALID = "invalid", _("has problems")
        FAILED = "failed", _("could not be read")
        ACCEPTED = "accepted", _("saved as a version")
        DISCARDED = "discarded", _("discarded")

    class Geometry(models.TextChoices):
        AUTO = "auto", _("Points, when the table has longitude and latitude columns")
        WILAYAH = "wilayah", _("Boundaries of its kode wilayah (kecamatan or kelurahan)")
        NONE = "none", _("No map: a table only")

    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROCESSING)
    source_path = models.CharField(max_length=300)
    source_name = models.CharField(_("file"), max_length=255)
    source_size = models.PositiveBigIntegerField(default=0)
    source_checksum = models.CharField(max_length=64, blank=True)
    sheet = models.CharField(_("sheet"), max_length=120, blank=True)
    sheets = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    crs = models.CharField(
        _("coordinate system"),
        max_length=40,
        blank=True,
        help_text=_("Chosen by the uploader for a layer that does not say its own."),
    )
    geometry = models.CharField(
        _("map of a table"),
        max_length=10,
        choices=Geometry.choices,
        default=Geometry.AUTO,
        help_text=_("How a table upload becomes a map layer as well."),
    )
    staged_path = models.CharField(max_length=300, blank=True)
    report_path = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    error = models.JSONField(default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    job = models.ForeignKey("platform.Job", null=True, blank=True, on_delete=models.SET_NULL)
    version = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.source_name

    @property
    def is_layer(self) -> bool:
        return "geo" in self.result

    @property
    def error_count(self) -> int:
        return int(self.result.get("error_count", 0))

    @property
    def warning_count(self) -> int:
        return int(self.result.get("warning_count", 0))
