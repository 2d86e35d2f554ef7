"""Saved maps: several layers (top first, each with its opacity and whether it shows), a view
and a description, kept as catalogue items with their own page, address, embed and PNG. A
map holds the layers' addresses only: each viewer sees the layers the access gate lets them
see, drawn with the layers' own styles, from their published versions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation


class SavedMap(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="saved_maps"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField(
        _("listed for everyone"),
        default=True,
        help_text=_("Otherwise only your organisation and the walidata see the map."),
    )
    layers = models.JSONField(default=list)  # [{"dataset": slug, "opacity": 0-100, "visible"}]
    view = models.JSONField(default=dict, blank=True)  # {"center": [lon, lat], "zoom": z}
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("saved map")
        verbose_name_plural = _("saved maps")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("geo:map", args=[self.slug])
