from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models.choices import (
    FREKUENSI_DAYS,
    AccessLevel,
    Frekuensi,
    JenisStatistik,
    LevelPenyajian,
    Licence,
    State,
)


class Topic(models.Model):
    """Urusan pemerintahan (government affairs) used as the portal's topics."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:topic", args=[self.slug])


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Dataset(models.Model):
    """An elemen data: metadata, its versions and its place in the pemeriksaan workflow."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("produsen data"),
        on_delete=models.PROTECT,
        related_name="datasets",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True)
    access_level = models.CharField(
        _("access level"), max_length=10, choices=AccessLevel.choices, default=AccessLevel.TERBUKA
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_4
    )
    frekuensi = models.CharField(
        _("frekuensi penerbitan"),
        max_length=16,
        choices=Frekuensi.choices,
        default=Frekuensi.TAHUNAN,
    )
    period_start = models.DateField(_("covers from"), null=True, blank=True)
    period_end = models.DateField(_("covers to"), null=True, blank=True)
    cakupan_wilayah = models.ForeignKey(
        "registry.Wilayah",
        verbose_name=_("cakupan wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    level_penyajian = models.CharField(
        _("level penyajian"),
        max_length=12,
        choices=LevelPenyajian.choices,
        default=LevelPenyajian.KOTA,
    )
    konsep = models.TextField(_("konsep"), blank=True)
    definisi = models.TextField(_("definisi"), blank=True)
    klasifikasi = models.TextField(_("klasifikasi"), blank=True)
    ukuran = models.CharField(_("ukuran"), max_length=200, blank=True)
    satuan = models.CharField(_("satuan"), max_length=100, blank=True)
    kode_referensi = models.CharField(_("kode referensi"), max_length=200, blank=True)
    jenis_statistik = models.CharField(
        _("jenis statistik"),
        max_length=10,
        choices=JenisStatistik.choices,
        default=JenisStatistik.SEKTORAL,
    )
    prioritas_years = models.JSONField(_("Data Prioritas years"), default=list, blank=True)
    pengelola_nama = models.CharField(_("data steward"), max_length=150, blank=True)
    pengelola_email = models.EmailField(_("data steward email"), blank=True)
    rujukan = models.TextField(_("rujukan"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    published_version = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    candidate_version = models.ForeignKey(
        "catalog.Version", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("metadata updated"), auto_now=True)
    data_updated_at = models.DateTimeField(_("data last published"), null=True, blank=True)
    use_count = models.PositiveIntegerField(
        _("uses"),
        default=0,
        db_index=True,
        help_text=_("Views, downloads and API calls counted so far."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        indexes = [
            models.Index(fields=["access_level", "state"]),
            models.Index(fields=["organisation", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:dataset", args=[self.slug])

    @property
    def is_prioritas(self) -> bool:
        return bool(self.prioritas_years)

    @property
    def next_update_due(self) -> date | None:
        days = FREKUENSI_DAYS.get(Frekuensi(self.frekuensi))
        if days is None or self.data_updated_at is None:
            return None
        return self.data_updated_at.date() + timedelta(days=days)

    def is_late(self, today: date) -> bool:
        due = self.next_update_due
        return due is not None and due < today
