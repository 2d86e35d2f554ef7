"""Romantik: the request for BPS's recommendation of a kegiatan statistik (rekomendasi
kegiatan statistik) and its outcome, which the pembina records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.statistics.models.kegiatan import Kegiatan


class RomantikStatus(models.TextChoices):
    DIAJUKAN = "diajukan", _("submitted")
    DIPROSES = "diproses", _("in process")
    DIREKOMENDASIKAN = "direkomendasikan", _("recommended")
    DITOLAK = "ditolak", _("refused")
    TIDAK_PERLU = "tidak_perlu", _("not needed")


OUTCOMES = (RomantikStatus.DIREKOMENDASIKAN, RomantikStatus.DITOLAK, RomantikStatus.TIDAK_PERLU)


class Romantik(models.Model):
    kegiatan = models.OneToOneField(Kegiatan, on_delete=models.CASCADE, related_name="romantik")
    nomor_pengajuan = models.CharField(_("request number"), max_length=100)
    tanggal_pengajuan = models.DateField(_("request date"))
    status = models.CharField(
        _("status"), max_length=20, choices=RomantikStatus.choices, default=RomantikStatus.DIAJUKAN
    )
    catatan = models.TextField(_("outcome note"), blank=True)
    nomor_rekomendasi = models.CharField(_("recommendation id"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Romantik request")
        verbose_name_plural = _("Romantik requests")

    def __str__(self) -> str:
        return f"{self.nomor_pengajuan} · {self.get_status_display()}"

    @property
    def recommended(self) -> bool:
        return self.status == RomantikStatus.DIREKOMENDASIKAN
