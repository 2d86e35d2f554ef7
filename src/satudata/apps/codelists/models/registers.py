"""Data induk: registers of shared master data (schools by NPSN, health facilities by kode
faskes), each entry known by an identifier unique within its register."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models import AccessLevel


class Register(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    identifier_label = models.CharField(
        _("identifier label"), max_length=60, help_text=_('e.g. "NPSN" or "Kode Faskes".')
    )
    identifier_pattern = models.CharField(
        _("identifier pattern"),
        max_length=200,
        blank=True,
        help_text=_(r"A regular expression every identifier must match, e.g. ^\d{8}$ for NPSN."),
    )
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="registers",
    )
    access_level = models.CharField(
        _("access level"),
        max_length=10,
        choices=AccessLevel.choices,
        default=AccessLevel.TERBUKA,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("register (data induk)")
        verbose_name_plural = _("registers (data induk)")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("codelists:register", args=[self.slug])


class RegisterEntry(models.Model):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="entries")
    identifier = models.CharField(_("identifier"), max_length=64)
    name = models.CharField(_("name"), max_length=300)
    kode_wilayah = models.ForeignKey(
        "registry.Wilayah",
        verbose_name=_("kode wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["register", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "identifier"], name="unique_identifier_per_register"
            )
        ]
        indexes = [models.Index(fields=["register", "name"])]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"
