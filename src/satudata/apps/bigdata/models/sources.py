"""Sources of public posts and complaints, their runs, label corrections and spike alerts.

A source is an export that staff upload again and again (a social media tool, SP4N-LAPOR!, the
city's complaint app, online news) with its saved field mapping. A run is one upload: its posts,
masked on ingest and analysed, are kept in one Parquet file under the data folder — never in
the database, never outside the module."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    class Channel(models.TextChoices):
        MEDSOS = "medsos", _("social media")
        BERITA = "berita", _("online news")
        LAPOR = "lapor", _("SP4N-LAPOR!")
        ADUAN = "aduan", _("the city's complaint app")
        LAIN = "lain", _("other")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    mapping = models.JSONField(_("field mapping"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("post source")
        verbose_name_plural = _("post sources")

    def __str__(self) -> str:
        return self.name


class Run(models.Model):
    class Status(models.TextChoices):
        MAPPING = "pemetaan", _("waiting for the field mapping")
        QUEUED = "antri", _("queued")
        RUNNING = "berjalan", _("running")
        DONE = "selesai", _("done")
        FAILED = "gagal", _("failed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    file_name = models.CharField(_("file"), max_length=255)
    upload_path = models.CharField(max_length=300, blank=True)
    posts_path = models.CharField(max_length=300, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_kept = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    masked = models.JSONField(default=dict, blank=True)
    languages = models.JSONField(default=dict, blank=True)
    seconds = models.FloatField(default=0)
    error = models.TextField(blank=True)
    job = models.ForeignKey(
        "platform.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("run")
        verbose_name_plural = _("runs")

    def __str__(self) -> str:
        return f"{self.source} #{self.pk}"


class Correction(models.Model):
    """A label a person set on a post; kept as training data for the next model version."""

    class Field(models.TextChoices):
        SENTIMENT = "sentimen", _("sentiment")
        TOPIC = "topik", _("topic")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="corrections")
    post_id = models.CharField(max_length=120)
    field = models.CharField(max_length=10, choices=Field.choices)
    value = models.CharField(max_length=40)
    text_masked = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("label correction")
        verbose_name_plural = _("label corrections")
        constraints = [
            models.UniqueConstraint(fields=["run", "post_id", "field"], name="unique_correction")
        ]

    def __str__(self) -> str:
        return f"{self.post_id} {self.field}={self.value}"


class Alert(models.Model):
    """A jump in negative posts on one topic in one kecamatan, week on week."""

    topic = models.CharField(max_length=40)
    kode = models.CharField(max_length=13)
    week = models.DateField()
    negative = models.PositiveIntegerField()
    baseline = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week", "-negative"]
        verbose_name = _("spike alert")
        verbose_name_plural = _("spike alerts")
        constraints = [
            models.UniqueConstraint(fields=["topic", "kode", "week"], name="unique_alert")
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.kode} {self.week}"
