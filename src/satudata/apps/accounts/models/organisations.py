from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        OPD = "opd", _("Perangkat Daerah (OPD)")
        BUMD = "bumd", _("BUMD")
        WALIDATA = "walidata", _("Walidata")
        PEMBINA = "pembina", _("Pembina data")
        GOVERNMENT = "government", _("Other government (province, ministry)")
        PARTNER = "partner", _("Named partner")

    PRODUCER_KINDS = (Kind.OPD, Kind.BUMD, Kind.WALIDATA)

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OPD)
    description = models.TextField(_("description"), blank=True)
    kode_wilayah = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:organisation", args=[self.slug])

    @property
    def is_producer(self) -> bool:
        return self.kind in self.PRODUCER_KINDS
