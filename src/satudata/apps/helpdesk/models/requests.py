"""Public data requests (permintaan data): anyone asks for data; the walidata forwards the
request to an OPD, which answers. Status and answer are public; the requester's name, email
and institution are not (the public pages show initials only)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation


class DataRequest(models.Model):
    class Status(models.TextChoices):
        DITERIMA = "diterima", _("Received")
        DITERUSKAN = "diteruskan", _("Forwarded to the OPD")
        DIPROSES = "diproses", _("Being processed")
        DIPENUHI = "dipenuhi", _("Fulfilled")
        DITOLAK = "ditolak", _("Declined")

    title = models.CharField(_("data wanted"), max_length=200)
    description = models.TextField(_("description"))
    purpose = models.TextField(_("purpose"))
    wilayah = models.CharField(_("area"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    follow_token = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DITERIMA
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    answer = models.TextField(_("answer"), blank=True)
    dataset = models.ForeignKey(
        "catalog.Dataset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:request", args=[self.pk])

    @property
    def initials(self) -> str:
        letters = [part[0].upper() for part in self.name.split() if part[:1].isalpha()]
        return ".".join(letters[:3]) + "." if letters else ""
