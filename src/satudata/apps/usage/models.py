"""Daily usage counters per dataset: views, downloads and API calls. Nothing about the visitor
is kept (no address, no browser, no cookie): only how many, on which day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    VIEW = "views", _("page views")
    DOWNLOAD = "downloads", _("downloads")
    API = "api_calls", _("API calls")


class DailyUsage(models.Model):
    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="daily_usage"
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    api_calls = models.PositiveIntegerField(_("API calls"), default=0)

    class Meta:
        verbose_name = _("daily usage")
        verbose_name_plural = _("daily usage")
        constraints = [models.UniqueConstraint(fields=["dataset", "day"], name="unique_usage_day")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.day}"
