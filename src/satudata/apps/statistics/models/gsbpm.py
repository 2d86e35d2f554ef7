"""GSBPM progress of a kegiatan: one row per sub-process somebody recorded (the others have
not started), with its owner, dates and evidence (stored files or links)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.statistics.models.kegiatan import Kegiatan
from satudata.engines.stats import gsbpm


class ProsesStatus(models.TextChoices):
    BELUM = gsbpm.BELUM, _("not started")
    BERJALAN = gsbpm.BERJALAN, _("in progress")
    SELESAI = gsbpm.SELESAI, _("done")
    TIDAK_BERLAKU = gsbpm.TIDAK_BERLAKU, _("not applicable")


class Proses(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="proses")
    code = models.CharField(max_length=5)
    status = models.CharField(
        _("status"), max_length=20, choices=ProsesStatus.choices, default=ProsesStatus.BELUM
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gsbpm_processes",
        verbose_name=_("owner"),
    )
    mulai = models.DateField(_("start"), null=True, blank=True)
    selesai = models.DateField(_("end"), null=True, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kegiatan", "code"]
        verbose_name = _("GSBPM sub-process")
        verbose_name_plural = _("GSBPM sub-processes")
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "code"], name="unique_gsbpm_code")
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan} · {self.code}"


class Bukti(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        LINK = "link", _("link")

    proses = models.ForeignKey(Proses, on_delete=models.CASCADE, related_name="bukti")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file_path = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title
