"""Kode wilayah Kemendagri (PP.KK.CC.DDDD) as a reference list, with its history of changes."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

DESA_KINDS = {"1": "kelurahan", "2": "desa", "3": "desa_adat"}


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
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set when a decree retired the code; the code is kept as history."),
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def get_absolute_url(self) -> str:
        return reverse("registry:wilayah", args=[self.kode])

    @property
    def is_current(self) -> bool:
        return self.valid_until is None

    @property
    def jenis(self) -> str:
        """For a desa-level code, whether it is a kelurahan (1xxx), a desa (2xxx) or a desa adat
        (3xxx); else the level."""
        if self.level != self.Level.DESA:
            return self.level
        return DESA_KINDS.get(self.kode.rsplit(".", 1)[-1][:1], "desa")


class WilayahChange(models.Model):
    """One change a decree made to the list: a code added, renamed, split, merged, moved or
    retired. Codes are never deleted: datasets keep pointing at old ones."""

    class Kind(models.TextChoices):
        ADDED = "added", _("added")
        RENAMED = "renamed", _("renamed")
        SPLIT = "split", _("split")
        MERGED = "merged", _("merged")
        MOVED = "moved", _("moved")
        RETIRED = "retired", _("retired")

    old_kode = models.CharField(_("old code"), max_length=13, blank=True, db_index=True)
    new_kode = models.CharField(_("new code"), max_length=13, blank=True, db_index=True)
    old_nama = models.CharField(_("old name"), max_length=120, blank=True)
    new_nama = models.CharField(_("new name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    decree = models.CharField(_("decree"), max_length=200)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("region change")
        verbose_name_plural = _("region changes")

    def __str__(self) -> str:
        return f"{self.kind} {self.old_kode or '—'} → {self.new_kode or '—'}"
