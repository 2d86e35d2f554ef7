"""The stored quality score of each dataset (recomputed when its evidence changes) and the
reminders already sent, so that a reminder goes out once per due date."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetQuality(models.Model):
    dataset = models.OneToOneField(
        "catalog.Dataset", primary_key=True, on_delete=models.CASCADE, related_name="quality"
    )
    score = models.PositiveSmallIntegerField(_("quality score"))
    parts = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quality score")
        verbose_name_plural = _("quality scores")

    def __str__(self) -> str:
        return f"{self.dataset_id}: {self.score}"


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")
        ESCALATED = "escalated", _("escalated to the walidata")

    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "kind", "due_date"], name="unique_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.kind} {self.due_date}"


class Release(models.Model):
    """One publication of a dataset, kept for the dashboard: when it was due, whether it came on
    time, and how many returns it took (with the days the produsen needed to fix each)."""

    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    transition = models.OneToOneField(
        "catalog.Transition", on_delete=models.CASCADE, related_name="release"
    )
    published_at = models.DateTimeField(db_index=True)
    month = models.DateField()
    due_date = models.DateField(null=True, blank=True)
    on_time = models.BooleanField(null=True)
    returns = models.PositiveSmallIntegerField(default=0)
    fixes = models.PositiveSmallIntegerField(default=0)
    fix_days = models.FloatField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "published_at"]),
            models.Index(fields=["published_at", "organisation", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.published_at:%Y-%m-%d}"
