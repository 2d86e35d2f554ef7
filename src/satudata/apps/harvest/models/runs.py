"""The log of each harvest run, with an entry for every record that failed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.harvest.models.sources import HarvestSource


class HarvestRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        PARTIAL = "partial", _("finished with errors")
        FAILED = "failed", _("failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("by hand")
        SCHEDULED = "scheduled", _("on schedule")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(_("started"), max_length=10, choices=Trigger.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    deleted = models.PositiveIntegerField(_("deleted at source"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(
        "platform.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")

    def __str__(self) -> str:
        return f"{self.source} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("harvest:run", args=[self.pk])


class HarvestRecordError(models.Model):
    run = models.ForeignKey(HarvestRun, on_delete=models.CASCADE, related_name="errors")
    remote_id = models.CharField(_("remote id"), max_length=300, blank=True)
    remote_name = models.CharField(_("remote name"), max_length=300, blank=True)
    message = models.CharField(_("message"), max_length=500)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.message
