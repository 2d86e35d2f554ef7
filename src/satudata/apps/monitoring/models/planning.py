"""Perencanaan: the yearly Daftar Data of each OPD (planned data elements, frequency, release
schedule) and the Data Prioritas designations decided by the Forum Satu Data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models.choices import Frekuensi


class DaftarData(models.Model):
    class State(models.TextChoices):
        DRAFT = "draf", _("draft")
        APPROVED = "disetujui", _("approved by the Forum Satu Data")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="daftar_data",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default="draf")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    forum_note = models.CharField(_("Forum Satu Data decision"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="unique_daftar_data")
        ]
        verbose_name = _("Daftar Data")
        verbose_name_plural = _("Daftar Data")

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class PlannedElement(models.Model):
    """One planned data element: what the OPD promises to publish, how often and by when."""

    daftar = models.ForeignKey(DaftarData, on_delete=models.CASCADE, related_name="elements")
    name = models.CharField(_("data element"), max_length=250)
    dataset = models.ForeignKey(
        "catalog.Dataset",
        verbose_name=_("dataset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_elements",
    )
    frekuensi = models.CharField(
        _("frekuensi"), max_length=16, choices=Frekuensi.choices, default=Frekuensi.TAHUNAN
    )
    due_date = models.DateField(_("release due"))
    prioritas = models.BooleanField(_("proposed as Data Prioritas"), default=False)

    class Meta:
        ordering = ["due_date", "name"]
        verbose_name = _("planned data element")
        verbose_name_plural = _("planned data elements")

    def __str__(self) -> str:
        return self.name

    @property
    def dynamic(self) -> bool:
        return self.frekuensi != Frekuensi.TIDAK_TENTU


class PrioritasDesignation(models.Model):
    """A dataset designated Data Prioritas for a year by the Forum Satu Data: who, when, why."""

    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="prioritas_designations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)
    forum_note = models.CharField(_("Forum Satu Data decision"), max_length=300)
    kriteria = models.CharField(_("kriteria prioritas"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "dataset__title"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "year"], name="unique_prioritas_year")
        ]
        verbose_name = _("Data Prioritas designation")
        verbose_name_plural = _("Data Prioritas designations")

    def __str__(self) -> str:
        return f"{self.dataset} {self.year}"
