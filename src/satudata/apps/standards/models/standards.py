"""A standard (standar data) of a pembina, its versions and their fields.

Published and retired versions are immutable: their texts and fields never change (only a
published version may be retired). A new draft copies the last version. A draft proposed from a
terbatas or tertutup dataset keeps what it read from the data in `withheld`, out of the standard,
until the walidata confirms it."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.engines.tabular import FieldType


class ImmutableStandardError(Exception):
    """A published or retired standard version was about to change."""


class WilayahLevel(models.TextChoices):
    PROVINSI = "provinsi", _("provinsi")
    KABKOTA = "kabkota", _("kabupaten/kota")
    KECAMATAN = "kecamatan", _("kecamatan")
    DESA = "desa", _("desa/kelurahan")


FIELD_TYPES = [
    (FieldType.STRING.value, _("text")),
    (FieldType.INTEGER.value, _("whole number")),
    (FieldType.NUMBER.value, _("number")),
    (FieldType.DATE.value, _("date")),
    (FieldType.DATETIME.value, _("date and time")),
    (FieldType.BOOLEAN.value, _("yes/no")),
]


class SdiTexts(models.Model):
    konsep = models.TextField(_("konsep"), blank=True)
    definisi = models.TextField(_("definisi"), blank=True)
    klasifikasi = models.TextField(_("klasifikasi"), blank=True)
    ukuran = models.CharField(_("ukuran"), max_length=200, blank=True)
    satuan = models.CharField(_("satuan"), max_length=100, blank=True)

    class Meta:
        abstract = True


class Standard(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("pembina data"),
        on_delete=models.PROTECT,
        related_name="standards",
    )
    topic = models.ForeignKey(
        "catalog.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standards",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("data standard")
        verbose_name_plural = _("data standards")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("standards:detail", args=[self.slug])


class StandardVersion(SdiTexts):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        RETIRED = "retired", _("retired")

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default="draft")
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    source_dataset = models.ForeignKey(
        "catalog.Dataset",
        verbose_name=_("proposed from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withheld = models.JSONField(
        _("values held back"),
        default=dict,
        blank=True,
        help_text=_(
            "What a proposal read from a dataset the public may not see: shown only to those "
            "who may see that dataset, and part of the standard only once the walidata confirms it."
        ),
    )

    class Meta:
        ordering = ["standard", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="unique_standard_version")
        ]

    def __str__(self) -> str:
        return f"{self.standard} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A published version may only be retired; a retired one never changes."""
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            retiring = set(kwargs.get("update_fields") or ("all",)) <= {"state", "retired_at"}
            if stored == self.State.RETIRED or (stored == self.State.PUBLISHED and not retiring):
                raise ImmutableStandardError(str(self))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("standards:version", args=[self.standard.slug, self.number])

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


class StandardField(SdiTexts):
    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="fields")
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=63)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=12, choices=FIELD_TYPES, default="string")
    required = models.BooleanField(_("required"), default=False)
    unique = models.BooleanField(_("unique"), default=False)
    minimum = models.CharField(_("minimum"), max_length=40, blank=True)
    maximum = models.CharField(_("maximum"), max_length=40, blank=True)
    pattern = models.CharField(_("pattern"), max_length=300, blank=True)
    enum = models.JSONField(_("allowed values"), default=list, blank=True)
    code_list = models.ForeignKey(
        "codelists.CodeList",
        verbose_name=_("code list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="standard_fields",
    )
    wilayah_level = models.CharField(
        _("kode wilayah level"), max_length=12, choices=WilayahLevel.choices, blank=True
    )

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="unique_standard_field_name")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._guard()
        return super().delete(*args, **kwargs)

    def _guard(self) -> None:
        state = StandardVersion.objects.filter(pk=self.version_id).values_list("state", flat=True)
        if state.first() != StandardVersion.State.DRAFT:
            raise ImmutableStandardError(str(self.version_id))
