"""A dataset's adopted standard version, and each version's conformance to it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetStandard(models.Model):
    dataset = models.OneToOneField(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="standard_adoption"
    )
    standard_version = models.ForeignKey(
        "standards.StandardVersion",
        verbose_name=_("standard version"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(_("adopted"), auto_now=True)

    def __str__(self) -> str:
        return f"{self.dataset} → {self.standard_version}"


class Conformance(models.Model):
    """The failing rows per field and rule of one dataset version against one standard version
    (`problems`: {field: {rule: count}}), computed over the stored Parquet file."""

    version = models.ForeignKey(
        "catalog.Version", on_delete=models.CASCADE, related_name="conformances"
    )
    standard_version = models.ForeignKey(
        "standards.StandardVersion", on_delete=models.CASCADE, related_name="conformances"
    )
    rows = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    problems = models.JSONField(default=dict)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "standard_version"], name="unique_conformance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} ~ {self.standard_version}: {self.total}"

    @property
    def ok(self) -> bool:
        return self.total == 0
