import pytest

from satudata.apps.demo import statistics
from satudata.apps.statistics import queries
from satudata.apps.statistics.models import Kegiatan

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_romantik_and_progress():
    assert statistics.load() == 3
    assert statistics.load() == 0
    gizi = Kegiatan.objects.get(judul="Survei Status Gizi Balita Kota Tangerang 2025")
    assert gizi.romantik.nomor_rekomendasi == "R-3671-2025-017"
    assert queries.romantik_warning(gizi) == ""
    assert queries.progress_of(gizi).done == 20
    skm = Kegiatan.objects.get(judul="Survei Kepuasan Masyarakat")
    assert queries.romantik_warning(skm)
    dukcapil = Kegiatan.objects.get(organisation__slug="disdukcapil")
    assert queries.progress_of(dukcapil).applicable == 42
