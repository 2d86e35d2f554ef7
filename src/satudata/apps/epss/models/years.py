"""Assessment years and the weights of each year (and the defaults new years start from)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AssessmentYear(models.Model):
    """One EPSS round. Its final city result is public once the walidata publishes it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("EPSS year")
        verbose_name_plural = _("EPSS years")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Weight(models.Model):
    """The weight of a domain, aspect or indicator in one year (`year` empty: the default that
    a new year copies)."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", _("domain")
        ASPECT = "aspect", _("aspect")
        INDICATOR = "indicator", _("indicator")

    year = models.ForeignKey(
        AssessmentYear, null=True, blank=True, on_delete=models.CASCADE, related_name="weights"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=5)
    weight = models.DecimalField(_("weight"), max_digits=7, decimal_places=2)

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "code"], name="epss_unique_weight_per_year"
            ),
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=Q(year__isnull=True),
                name="epss_unique_default_weight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year or '-'} {self.kind} {self.code} = {self.weight}"
