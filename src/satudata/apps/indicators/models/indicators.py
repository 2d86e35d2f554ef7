"""Indicators (definitions after MS-Ind), their values per period and wilayah, and targets.

A value is computed from the published versions of one dataset (a formula over aggregates of
named columns) or entered by hand with its source. `kode` is the dotted kode wilayah of the
kecamatan or kelurahan, empty for the whole city."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation


class Level(models.TextChoices):
    KOTA = "kota", _("city")
    KECAMATAN = "kecamatan", _("kecamatan")
    KELURAHAN = "kelurahan", _("kelurahan")


class Indicator(models.Model):
    class Method(models.TextChoices):
        COMPUTED = "dihitung", _("computed from a dataset")
        ENTERED = "diisi", _("entered with its source")

    class Direction(models.TextChoices):
        UP = "naik", _("higher is better")
        DOWN = "turun", _("lower is better")

    slug = models.SlugField(max_length=140, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="indicators"
    )
    indikator = models.ForeignKey(
        "statistics.Indikator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="series",
        verbose_name=_("MS-Ind metadata"),
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=2)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.UP
    )
    method = models.CharField(_("how values are obtained"), max_length=10, choices=Method.choices)
    dataset = models.ForeignKey(
        "catalog.Dataset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("dataset"),
    )
    formula = models.CharField(_("formula"), max_length=500, blank=True)
    wilayah_column = models.CharField(_("kode wilayah column"), max_length=120, blank=True)
    period_column = models.CharField(_("period column"), max_length=120, blank=True)
    deepest_level = models.CharField(
        _("computed down to"), max_length=10, choices=Level.choices, default=Level.KOTA
    )
    published = models.BooleanField(_("shown on the portal"), default=False)
    computed_at = models.DateTimeField(null=True, blank=True)
    computed_version = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.slug])

    def get_work_url(self) -> str:
        return reverse("indicators:work_detail", args=[self.slug])

    @property
    def is_computed(self) -> bool:
        return self.method == self.Method.COMPUTED


class Value(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=20)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kode = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    computed = models.BooleanField(default=False)
    version = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period", "level", "kode"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "kode"], name="unique_indicator_value"
            )
        ]
        indexes = [models.Index(fields=["indicator", "level", "period"], name="value_level")]

    def __str__(self) -> str:
        return f"{self.period} {self.kode or self.level}: {self.value}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=20)
    value = models.FloatField(_("target"))
    source = models.CharField(
        _("source of the target"), max_length=300, help_text=_("E.g. RPJMD 2025–2029.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_indicator_target")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"
