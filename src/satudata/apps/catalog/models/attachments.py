"""Documents (PDF, DOCX, images) and links attached to a dataset."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models.choices import AccessLevel


class Attachment(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        LINK = "link", _("link")

    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    access_level = models.CharField(
        _("access level"), max_length=10, choices=AccessLevel.choices, default=AccessLevel.TERBUKA
    )
    file_path = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(_("address"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
