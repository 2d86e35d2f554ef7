"""Links from catalogue datasets to the kegiatan, and the variables, they come from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models import Dataset
from satudata.apps.statistics.models.kegiatan import Kegiatan, Variabel


class DatasetKegiatan(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="kegiatan_links")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="dataset_links")
    variabel = models.ManyToManyField(Variabel, blank=True, related_name="dataset_links")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dataset__title"]
        verbose_name = _("dataset of a statistical activity")
        verbose_name_plural = _("datasets of statistical activities")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "kegiatan"], name="unique_dataset_kegiatan")
        ]

    def __str__(self) -> str:
        return f"{self.dataset} ← {self.kegiatan}"
