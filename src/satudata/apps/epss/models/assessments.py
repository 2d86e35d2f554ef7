"""Self-assessments: the city's (no organisation) and each OPD's, 38 levels and evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from satudata.apps.epss.models.years import AssessmentYear


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        FINAL = "final", _("final")

    year = models.ForeignKey(AssessmentYear, on_delete=models.CASCADE, related_name="assessments")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="epss_assessments",
        help_text=_("Empty for the city's assessment, which produces the IPS."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year__year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "organisation"], name="epss_one_assessment_per_year"
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(organisation__isnull=True),
                name="epss_one_city_assessment_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"EPSS {self.year.year} {self.organisation or 'kota'}"

    @property
    def is_city(self) -> bool:
        return self.organisation_id is None

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class Score(models.Model):
    """One indicator of an assessment: the level people confirmed, and beside it the level the
    platform proposed with its figures."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    code = models.CharField(_("indicator"), max_length=5)
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    proposed_level = models.PositiveSmallIntegerField(_("proposed level"), null=True, blank=True)
    proposal = models.JSONField(_("proposal figures"), default=dict, blank=True)
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="epss_one_score_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.level or '-'}"


class Evidence(models.Model):
    """Bukti dukung: an uploaded document or a link (often to a page of this platform)."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
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
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file_path)
