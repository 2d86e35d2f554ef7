"""Helpdesk tickets: an OPD's question to the walidata, its thread of messages (replies of both
sides and the walidata's status, priority and assignment changes), its attachments, and the
service targets (first response and resolution, in working days) the walidata sets."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation


class Category(models.TextChoices):
    UNGGAH = "unggah", _("Uploading data")
    METADATA = "metadata", _("Metadata")
    STANDAR = "standar", _("Data standards")
    AKSES = "akses", _("Access and accounts")
    PETA = "peta", _("Maps and geospatial data")
    LAINNYA = "lainnya", _("Other")


class Status(models.TextChoices):
    BARU = "baru", _("New")
    DIBALAS = "dibalas", _("Answered")
    MENUNGGU_OPD = "menunggu_opd", _("Waiting for the OPD")
    SELESAI = "selesai", _("Resolved")
    DITUTUP = "ditutup", _("Closed")


OPEN_STATUSES = (Status.BARU, Status.DIBALAS, Status.MENUNGGU_OPD)
DONE_STATUSES = (Status.SELESAI, Status.DITUTUP)


class Priority(models.TextChoices):
    RENDAH = "rendah", _("Low")
    NORMAL = "normal", _("Normal")
    TINGGI = "tinggi", _("High")
    MENDESAK = "mendesak", _("Urgent")


class ServiceTarget(models.Model):
    """The one row of service targets; the walidata edits it."""

    first_response_days = models.PositiveSmallIntegerField(
        _("first response within (working days)"), default=1
    )
    resolution_days = models.PositiveSmallIntegerField(
        _("resolution within (working days)"), default=5
    )
    holidays = models.JSONField(_("public holidays"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("service target")
        verbose_name_plural = _("service targets")

    def __str__(self) -> str:
        return str(_("Service targets"))

    @classmethod
    def current(cls) -> "ServiceTarget":
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls()

    def holiday_dates(self) -> frozenset[date]:
        found = set()
        for text in self.holidays or []:
            try:
                found.add(date.fromisoformat(str(text)))
            except ValueError:
                continue
        return frozenset(found)


class Ticket(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tickets")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    dataset = models.ForeignKey(
        "catalog.Dataset",
        verbose_name=_("dataset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.BARU
    )
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    opened_at = models.DateTimeField()
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("helpdesk ticket")
        verbose_name_plural = _("helpdesk tickets")

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:ticket", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TicketMessage(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        STATUS = "status", _("Status change")
        PRIORITY = "priority", _("Priority change")
        ASSIGN = "assign", _("Assignment")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.REPLY)
    from_walidata = models.BooleanField(default=False)
    body = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.ticket_id}/{self.pk}"


class TicketAttachment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TicketMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file_path = models.CharField(max_length=300)
    file_name = models.CharField(max_length=200)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:attachment", args=[self.pk])
