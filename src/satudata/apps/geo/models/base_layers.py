"""Base layers: the administrative boundaries every map draws on (Kota Tangerang's kelurahan,
its kecamatan as their union, and the national provinsi and kabupaten/kota), built from the
reference data the package ships. They are
public reference data, like the kode wilayah themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseLayer(models.Model):
    class Level(models.TextChoices):
        PROVINSI = "provinsi", _("provinsi")
        KABKOTA = "kabkota", _("kabupaten/kota")
        KECAMATAN = "kecamatan", _("kecamatan")
        KELURAHAN = "kelurahan", _("kelurahan")

    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parquet_path = models.CharField(max_length=300)
    checksum = models.CharField(max_length=64)
    features = models.PositiveIntegerField(_("features"))
    bbox = models.JSONField(default=list)
    attributes = models.JSONField(default=list)
    source = models.CharField(_("source"), max_length=300)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        ordering = ["level", "slug"]
        verbose_name = _("base layer")
        verbose_name_plural = _("base layers")

    def __str__(self) -> str:
        return self.title
