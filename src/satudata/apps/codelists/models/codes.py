"""Code lists (kode referensi): SKOS-like lists of codes with labels in Indonesian and English,
an optional parent (urusan → sub-urusan) and validity dates, kept in numbered versions. A
published version never changes: a new list of codes is a new draft version."""

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImmutableVersion(Exception):
    """A published code list version (or one of its codes) was about to change."""


class CodeList(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="code_lists",
    )
    source = models.TextField(
        _("source / legal basis"),
        blank=True,
        help_text=_("The regulation or publication the codes come from."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("codelists:code_list", args=[self.slug])


class CodeListVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    code_list = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    source_name = models.CharField(_("imported file"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["code_list", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["code_list", "number"], name="unique_code_list_version")
        ]
        verbose_name = _("code list version")
        verbose_name_plural = _("code list versions")

    def __str__(self) -> str:
        return f"{self.code_list} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = CodeListVersion.objects.filter(pk=self.pk).values_list("state", flat=True)
            if stored.first() == self.State.PUBLISHED:
                raise ImmutableVersion(str(self))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_published:
            raise ImmutableVersion(str(self))
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class Code(models.Model):
    version = models.ForeignKey(CodeListVersion, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=64)
    label_id = models.CharField(_("label (Indonesian)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent code"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    order = models.IntegerField(_("order"), default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["version", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_code_per_version")
        ]
        verbose_name = _("code")
        verbose_name_plural = _("codes")

    def __str__(self) -> str:
        return f"{self.code} {self.label_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.version.is_published:
            raise ImmutableVersion(str(self.version))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.version.is_published:
            raise ImmutableVersion(str(self.version))
        return super().delete(*args, **kwargs)
