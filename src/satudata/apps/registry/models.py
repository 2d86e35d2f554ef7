"""Kode wilayah Kemendagri (PP.KK.CC.DDDD) as a reference list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wilayah(models.Model):
    class Level(models.TextChoices):
        PROVINSI = "provinsi", _("province")
        KABKOTA = "kabkota", _("regency / city")
        KECAMATAN = "kecamatan", _("district (kecamatan)")
        DESA = "desa", _("village (kelurahan / desa)")

    kode = models.CharField(_("code"), max_length=13, primary_key=True)
    nama = models.CharField(_("name"), max_length=120, db_index=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
