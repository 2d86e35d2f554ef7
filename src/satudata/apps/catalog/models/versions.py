"""Immutable data versions and the workflow timeline."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models.choices import State


class ImmutableError(Exception):
    """Raised when code tries to change a version after it was stored."""


class Version(models.Model):
    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    parquet_path = models.CharField(max_length=300)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)
    rows = models.PositiveBigIntegerField(_("rows"))
    fields = models.JSONField(_("columns"), default=list)
    source_path = models.CharField(max_length=300)
    source_name = models.CharField(_("source file"), max_length=255)
    source_checksum = models.CharField(max_length=64)
    source_sheet = models.CharField(_("sheet"), max_length=120, blank=True)
    source_size = models.PositiveBigIntegerField(default=0)
    warnings = models.JSONField(default=dict, blank=True)
    diff = models.JSONField(default=dict, blank=True)
    geo = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "For a layer: its GeoParquet file, geometry kind, extent and source coordinate system."
        ),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["dataset", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="unique_version_number")
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("versions are immutable")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:version", args=[self.dataset.slug, self.number])

    @property
    def is_layer(self) -> bool:
        """A layer's version: its attribute table (`parquet_path`) and its shapes (`geo`)."""
        return bool(self.geo)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("versions are never deleted")


class Transition(models.Model):
    """One step of the pemeriksaan workflow: who moved the dataset where, when and why."""

    class Kind(models.TextChoices):
        CREATE = "create", _("created")
        SUBMIT = "submit", _("submitted for checking")
        RETURN = "return", _("returned with notes")
        APPROVE = "approve", _("passed the walidata check")
        PUBLISH = "publish", _("published")
        ROLLBACK = "rollback", _("rolled back")
        NEW_VERSION = "new_version", _("new version uploaded")

    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="transitions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    version = models.ForeignKey(Version, null=True, blank=True, on_delete=models.PROTECT)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    checks = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "at", "dataset"], name="transition_kind_at")]

    def __str__(self) -> str:
        return f"{self.dataset} {self.kind}"
