"""Kegiatan statistik (surveys, compilations of administrative records) of an OPD with their
BPS metadata: MS-Keg on the kegiatan, MS-Var on its variables, MS-Ind on its indicators. The
fields that lists filter on are columns; the rest of each form is `metadata`, keyed by the
field keys of `engines.stats.metadata`."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.engines.stats.metadata import CARA_PENGUMPULAN


class Kegiatan(models.Model):
    slug = models.SlugField(max_length=140, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="kegiatan_statistik"
    )
    judul = models.CharField(_("title"), max_length=500)
    tahun = models.PositiveSmallIntegerField(_("year"))
    cara_pengumpulan = models.CharField(
        _("collection method"), max_length=40, choices=CARA_PENGUMPULAN
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published metadata is shown to everyone on the public catalogue."),
    )
    metadata = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-tahun", "judul"]
        verbose_name = _("statistical activity")
        verbose_name_plural = _("statistical activities")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "judul", "tahun"], name="unique_kegiatan_per_opd_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tahun})"

    def get_absolute_url(self) -> str:
        return reverse("statistics:public_detail", args=[self.slug])

    def get_work_url(self) -> str:
        return reverse("statistics:detail", args=[self.slug])

    @property
    def is_survei(self) -> bool:
        return self.cara_pengumpulan == "survei"

    def ms_keg(self) -> dict:
        """The MS-Keg record: the columns and the rest of the metadata together."""
        return {
            **self.metadata,
            "judul": self.judul,
            "tahun": self.tahun,
            "cara_pengumpulan": self.cara_pengumpulan,
        }


class Variabel(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="variabel")
    nama = models.CharField(_("name"), max_length=500)
    akses_publik = models.BooleanField(_("public access"), default=False)
    metadata = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("variable")
        verbose_name_plural = _("variables")
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "nama"], name="unique_variabel_name")
        ]

    def __str__(self) -> str:
        return self.nama

    def ms_var(self) -> dict:
        return {**self.metadata, "nama": self.nama, "akses_publik": self.akses_publik}


class Indikator(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="indikator")
    nama = models.CharField(_("name"), max_length=500)
    akses_publik = models.BooleanField(_("public access"), default=False)
    metadata = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "nama"], name="unique_indikator_name")
        ]

    def __str__(self) -> str:
        return self.nama

    def ms_ind(self) -> dict:
        return {**self.metadata, "nama": self.nama, "akses_publik": self.akses_publik}
