"""Publishing the module's aggregates: posts per month, topic and kecamatan with their sentiment
counts become a new version of one catalogue dataset of the team's organisation, submitted to
the walidata's pemeriksaan like any other data. Raw or masked posts never leave the module."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from satudata.apps.bigdata import store
from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.actions.datasets import check_create_dataset
from satudata.apps.catalog.actions.uploads import check_accept_upload, check_start_upload
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, Upload
from satudata.apps.registry.models import Wilayah
from satudata.platform import access, audit, storage
from satudata.platform import access_bigdata as rules

TITLE = "Volume dan Sentimen Aduan serta Unggahan Publik per Topik, Kecamatan dan Bulan"
DESCRIPTION = (
    "Jumlah unggahan media sosial, berita daring dan aduan (SP4N-LAPOR! dan aplikasi aduan "
    "kota) per bulan, topik layanan kota dan kecamatan, dengan jumlah sentimen negatif, netral "
    "dan positif hasil analisis Big Data. Hanya agregat: unggahan asli tidak diterbitkan; "
    "identitas pribadi disamarkan sejak awal. Unggahan yang tidak menyebut tempat dihitung pada "
    "kode wilayah kota."
)


def dataset_of(organisation: Any) -> Dataset | None:
    return Dataset.objects.filter(organisation=organisation, title=TITLE).first()


def _dataset(user: Any) -> Dataset:
    found = dataset_of(user.organisation)
    if found is not None:
        return found
    return check_create_dataset(
        user=user,
        organisation=user.organisation,
        data={
            "title": TITLE,
            "description": DESCRIPTION,
            "access_level": "terbuka",
            "licence": "cc-by-4.0",
            "frekuensi": "bulanan",
            "cakupan_wilayah": Wilayah.objects.filter(kode=settings.WILAYAH).first(),
            "level_penyajian": "kecamatan",
            "konsep": "Suara publik",
            "definisi": "Unggahan dan aduan publik tentang layanan kota, dikelompokkan menurut "
            "topik, kecamatan yang disebut dan sentimennya.",
            "ukuran": "Jumlah",
            "satuan": "unggahan",
            "rujukan": "Modul Big Data Satu Data: normalisasi, penyamaran identitas, deteksi "
            "duplikat, model sentimen dan topik (lihat kartu model).",
        },
        tags=["big data", "sentimen", "aduan publik"],
    )


def check_publish_aggregates(*, user: Any, ip: str = "") -> Dataset:
    """Make the aggregate table a new candidate version and submit it for pemeriksaan."""
    viewer = access.viewer_for(user)
    if not rules.can_publish(viewer):
        raise NotAllowed(
            _("Publishing needs a produsen data account of the walidata's organisation.")
        )
    table = storage.new_path("staging", ".csv")
    try:
        rows = store.aggregate_table(table, settings.WILAYAH)
        if not rows:
            raise ActionError(_("There are no analysed posts with a time to publish yet."))
        with transaction.atomic():
            dataset = _dataset(user)
            upload = check_start_upload(
                user=user,
                dataset=dataset,
                file=table,
                original_name="agregat-big-data.csv",
                note=_("Aggregates of the Big Data module"),
                inline=True,
                ip=ip,
            )
            if upload.status != Upload.Status.READY:
                raise ActionError(
                    _("The aggregate table did not pass the checks: %(reason)s")
                    % {"reason": upload.error or upload.status}
                )
            check_accept_upload(user=user, upload=upload, ip=ip)
            workflow.check_submit(
                user=user,
                dataset=dataset,
                note=_("Aggregates of %(rows)s rows from the Big Data module.") % {"rows": rows},
                ip=ip,
            )
            audit.record("bigdata.publish", actor=user, obj=dataset, detail={"rows": rows}, ip=ip)
        dataset.refresh_from_db()
        return dataset
    finally:
        table.unlink(missing_ok=True)
