"""A declared pair of datasets that report the same variable, and each computed comparison."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class WilayahLevel(models.TextChoices):
    AS_IS = "", _("as written in the data")
    KABKOTA = "kabkota", _("regency / city")
    KECAMATAN = "kecamatan", _("kecamatan")
    DESA = "desa", _("kelurahan / desa")


class PeriodGrain(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")


class ResultStatus(models.TextChoices):
    OK = "ok", _("consistent")
    DISAGREE = "disagree", _("disagreements")
    ERROR = "error", _("could not be compared")


class Comparison(models.Model):
    """Dataset A (the reference) and dataset B report `variable`; each side names its value
    column, its kode wilayah column, an optional period column and an optional filter."""

    variable = models.CharField(_("variable"), max_length=200)
    dataset_a = models.ForeignKey(
        "catalog.Dataset",
        verbose_name=_("dataset A"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value_a = models.CharField(_("value column of A"), max_length=120)
    wilayah_a = models.CharField(_("kode wilayah column of A"), max_length=120)
    period_a = models.CharField(_("period column of A"), max_length=120, blank=True)
    filter_column_a = models.CharField(_("filter column of A"), max_length=120, blank=True)
    filter_value_a = models.CharField(_("filter value of A"), max_length=200, blank=True)
    dataset_b = models.ForeignKey(
        "catalog.Dataset",
        verbose_name=_("dataset B"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value_b = models.CharField(_("value column of B"), max_length=120)
    wilayah_b = models.CharField(_("kode wilayah column of B"), max_length=120)
    period_b = models.CharField(_("period column of B"), max_length=120, blank=True)
    filter_column_b = models.CharField(_("filter column of B"), max_length=120, blank=True)
    filter_value_b = models.CharField(_("filter value of B"), max_length=200, blank=True)
    wilayah_level = models.CharField(
        _("compare at level"), max_length=12, choices=WilayahLevel.choices, blank=True
    )
    period_grain = models.CharField(
        _("period of a date"), max_length=8, choices=PeriodGrain.choices, default="year"
    )
    tolerance_absolute = models.FloatField(_("tolerance (units)"), null=True, blank=True)
    tolerance_percent = models.FloatField(_("tolerance (%)"), null=True, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    active = models.BooleanField(_("active"), default=True, db_index=True)
    note = models.TextField(_("note"), blank=True)
    latest = models.ForeignKey(
        "consistency.ComparisonResult",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["variable", "pk"]
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")

    def __str__(self) -> str:
        return self.variable

    def get_absolute_url(self) -> str:
        return reverse("consistency:public_detail", args=[self.pk])

    def other(self, dataset_id: int) -> Any:
        return self.dataset_b if dataset_id == self.dataset_a_id else self.dataset_a


class ComparisonResult(models.Model):
    """One computation: the two published versions compared, the counts, and the worst
    disagreements (capped) and keys present on one side only."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="results")
    version_a = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version_b = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(_("computed"), auto_now_add=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=ResultStatus.choices)
    matched = models.PositiveIntegerField(_("keys on both sides"), default=0)
    disagreements = models.PositiveIntegerField(_("disagreements"), default=0)
    only_in_a = models.PositiveIntegerField(_("keys only in A"), default=0)
    only_in_b = models.PositiveIntegerField(_("keys only in B"), default=0)
    max_relative = models.FloatField(_("largest relative difference"), null=True, blank=True)
    error = models.JSONField(default=dict, blank=True)
    rows = models.JSONField(default=list, blank=True)
    only_a_rows = models.JSONField(default=list, blank=True)
    only_b_rows = models.JSONField(default=list, blank=True)
    sides = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        verbose_name = _("comparison result")
        verbose_name_plural = _("comparison results")

    def __str__(self) -> str:
        return f"{self.comparison} {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def error_message(self) -> str:
        """The stored engine message (a msgid and its values) in the reader's language."""
        if not self.error:
            return ""
        return gettext(self.error.get("message", "")) % self.error.get("params", {})

    @property
    def max_percent(self) -> float | None:
        return None if self.max_relative is None else self.max_relative * 100
