"""Harvest sources (another portal's CKAN API or DCAT catalogue) and the records taken from them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HarvestSource(models.Model):
    class Kind(models.TextChoices):
        CKAN = "ckan", _("CKAN Action API")
        DCAT = "dcat", _("DCAT catalogue (RDF)")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "CKAN: the portal's address (its /api/3/action/ is found from it). "
            "DCAT: the address of the catalogue document (Turtle, RDF/XML or JSON-LD)."
        ),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("default organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Records whose remote organisation is not mapped below go here."),
    )
    organisation_map = models.JSONField(
        _("organisation mapping"),
        default=dict,
        blank=True,
        help_text=_("Remote organisation name → local organisation id."),
    )
    topic = models.ForeignKey(
        "catalog.Topic",
        verbose_name=_("default topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interval_hours = models.PositiveIntegerField(
        _("harvest every (hours)"), default=24, help_text=_("0 = only when started by hand.")
    )
    withdraw_deleted = models.BooleanField(
        _("withdraw records deleted at the source"),
        default=False,
        help_text=_("Otherwise they are only reported in the run log."),
    )
    active = models.BooleanField(_("active"), default=True)
    last_success_modified = models.DateTimeField(
        _("harvested up to"), null=True, blank=True, help_text=_("Remote modification time.")
    )
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("harvest:source", args=[self.pk])

    @property
    def tag(self) -> str:
        """The tag every dataset harvested from this source carries."""
        return f"panen:{self.pk}"

    def is_due(self, now: timezone.datetime | None = None) -> bool:
        if not self.active or self.interval_hours == 0:
            return False
        if self.last_run_at is None:
            return True
        now = now or timezone.now()
        return self.last_run_at + timedelta(hours=self.interval_hours) <= now


class HarvestedDataset(models.Model):
    """One remote record and the local dataset it became (so that re-runs update, not duplicate)."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    remote_id = models.CharField(_("remote id"), max_length=300)
    remote_name = models.CharField(_("remote name"), max_length=300, blank=True)
    remote_modified = models.DateTimeField(_("remote modified"), null=True, blank=True)
    remote_url = models.URLField(_("remote page"), max_length=500, blank=True)
    dataset = models.OneToOneField(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="harvested_from"
    )
    content_hash = models.CharField(max_length=64)
    deleted_at_source = models.DateTimeField(_("deleted at the source"), null=True, blank=True)
    first_harvested_at = models.DateTimeField(auto_now_add=True)
    last_harvested_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="unique_harvest_record")
        ]
        verbose_name = _("harvested dataset")
        verbose_name_plural = _("harvested datasets")

    def __str__(self) -> str:
        return f"{self.source}: {self.remote_name or self.remote_id}"
