from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from satudata.apps.catalog.models import Topic, Version
from satudata.apps.monitoring import actions
from satudata.apps.monitoring.models import DatasetQuality
from satudata.apps.monitoring.quality import breakdown, evidence_for
from satudata.apps.portal.tests.helpers import document
from satudata.apps.registry.models import Wilayah
from satudata.platform.testing.factories import make_dataset, make_org

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def rich(org):
    dataset = make_dataset(
        org,
        description="Jumlah kunjungan pasien puskesmas per kecamatan. " * 4,
        topic=Topic.objects.create(name="Kesehatan", slug="kesehatan"),
        frekuensi="bulanan",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        cakupan_wilayah=Wilayah.objects.filter(kode="36.71").first(),
        pengelola_nama="Seksi Data",
        pengelola_email="data@tangerangkota.go.id",
        rujukan="Permenkes 43/2019",
        konsep="Kunjungan",
        definisi="Kunjungan pasien",
        ukuran="Jumlah",
        satuan="kunjungan",
    )
    dataset.tags.create(name="puskesmas")
    dataset.data_updated_at = timezone.now() - timedelta(days=3)
    dataset.save()
    return dataset


def test_evidence_from_the_catalogue():
    org = make_org()
    good = rich(org)
    document(good)
    bare = make_dataset(org, access_level="terbatas", frekuensi="bulanan")
    bare.licence = "cc-by-4.0"
    bare.save()
    Version.objects.filter(pk=bare.published_version_id).update(
        warnings={"unknown_codes": {"kode_wilayah": 2}}
    )
    found = evidence_for([good, bare], TODAY)
    assert found[good.pk].metadata_filled == found[good.pk].metadata_required
    assert found[good.pk].attachments == 1
    assert found[good.pk].kode_columns == 1 and found[good.pk].unknown_codes == 0
    assert found[bare.pk].unknown_codes == 2
    assert found[bare.pk].open_licence_consistent is False
    assert found[bare.pk].metadata_filled == 1


def test_refresh_stores_scores_and_the_breakdown_explains_them():
    org = make_org()
    good, bare = rich(org), make_dataset(org)
    assert actions.do_refresh_quality(today=TODAY) == 2
    scores = dict(DatasetQuality.objects.values_list("dataset_id", "score"))
    assert scores[good.pk] > scores[bare.pk]
    with translation.override("en"):
        parts = breakdown(DatasetQuality.objects.get(dataset=bare))
    metadata = next(p for p in parts if p.label == "Metadata complete")
    assert metadata.reason == "1 of 14 required metadata fields filled."
    assert not parts[-1].counted
    actions.do_refresh_quality([bare.pk], today=TODAY)
    assert DatasetQuality.objects.count() == 2
