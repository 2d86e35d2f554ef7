from typing import Any

import pytest
from django.utils import translation

from satudata.apps.portal.tests.helpers import people
from satudata.apps.statistics import actions
from satudata.apps.statistics.models import Kegiatan

KEG: dict[str, Any] = {
    "judul": "Survei Status Gizi Balita",
    "tahun": 2025,
    "cara_pengumpulan": "survei",
    "sektor": "Kesehatan",
    "instansi_penyelenggara": "Dinas Kesehatan",
    "pj_nama": "Kepala Seksi",
    "latar_belakang": "Perlu angka stunting.",
    "tujuan": "Mengukur status gizi.",
    "frekuensi": "tahunan",
    "cakupan_wilayah": "Kota Tangerang",
    "metode_pengumpulan": "wawancara",
    "jenis_rancangan_sampel": "multi_stage",
    "metode_pemilihan_sampel": "probability",
    "unit_sampel": "Rumah tangga",
}
VAR_PUBLIC = {
    "nama": "Umur balita",
    "konsep": "Umur",
    "definisi": "Umur dalam bulan.",
    "tipe_data": "numerik",
    "akses_publik": True,
}
VAR_SECRET = {**VAR_PUBLIC, "nama": "Variabel-Rahasia-5X", "akses_publik": False}
IND = {
    "nama": "Prevalensi stunting",
    "konsep": "Stunting",
    "definisi": "Persentase balita pendek.",
    "metode_perhitungan": "a/b x 100",
    "ukuran": "Persentase",
    "satuan": "Persen",
    "komposit": False,
    "akses_publik": True,
}


def make_kegiatan(who: dict[str, Any], published: bool = True, **values: Any) -> Kegiatan:
    kegiatan = actions.check_save_kegiatan(
        user=who["produsen"],
        values={**KEG, **values},
        organisation=who["org"],
        published=published,
    )
    for entry in (VAR_PUBLIC, VAR_SECRET):
        actions.check_save_entry(
            user=who["produsen"], kegiatan=kegiatan, kind="variabel", values=entry
        )
    actions.check_save_entry(user=who["produsen"], kegiatan=kegiatan, kind="indikator", values=IND)
    return kegiatan


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def who() -> dict[str, Any]:
    return people()


@pytest.fixture
def kegiatan(who: dict[str, Any]) -> Kegiatan:
    return make_kegiatan(who)
