"""The demo's kegiatan statistik: Dinas Kesehatan's nutrition survey of young children (with
its Romantik request, recommended by BPS Kota Tangerang), Disdukcapil's compilation of
population administration records and Bappeda's public satisfaction survey (its Romantik
request still in process, so the register warns about it), each with MS-Keg, variables,
indicators and GSBPM progress. Made through the statistics app's actions by the demo
accounts; every figure is data contoh. Loading twice adds nothing."""

from datetime import date
from typing import Any

from django.db import transaction

from satudata.apps.demo.organisations import ensure_organisations
from satudata.apps.demo.people import ensure_people
from satudata.apps.statistics import actions
from satudata.apps.statistics.models import Kegiatan
from satudata.engines.stats import gsbpm

SELESAI, BERJALAN, NA = gsbpm.SELESAI, gsbpm.BERJALAN, gsbpm.TIDAK_BERLAKU


def _var(nama: str, konsep: str, definisi: str, tipe: str, **extra: Any) -> dict[str, Any]:
    return {
        "nama": nama,
        "konsep": konsep,
        "definisi": definisi,
        "tipe_data": tipe,
        "akses_publik": extra.pop("akses_publik", True),
        **extra,
    }


GIZI = {
    "org": "dinkes",
    "published": True,
    "ms_keg": {
        "judul": "Survei Status Gizi Balita Kota Tangerang 2025",
        "tahun": 2025,
        "cara_pengumpulan": "survei",
        "sektor": "Kesehatan",
        "instansi_penyelenggara": "Dinas Kesehatan Kota Tangerang",
        "alamat": "Jl. Satria Sudirman No. 1, Sukaasih, Tangerang, Banten",
        "pj_nama": "Kepala Seksi Data dan Sistem Informasi Kesehatan",
        "pj_jabatan": "Kepala Seksi",
        "latar_belakang": (
            "Pemerintah Kota Tangerang memerlukan angka prevalensi stunting, wasting dan "
            "underweight balita sampai tingkat kecamatan untuk perencanaan intervensi gizi."
        ),
        "tujuan": "Mengukur status gizi balita menurut indeks antropometri di 13 kecamatan.",
        "jadwal_perencanaan_mulai": "2025-01-06",
        "jadwal_perencanaan_selesai": "2025-02-28",
        "jadwal_pengumpulan_mulai": "2025-07-01",
        "jadwal_pengumpulan_selesai": "2025-08-15",
        "perulangan": "berulang",
        "frekuensi": "tahunan",
        "tipe_pengumpulan": "cross_section",
        "cakupan_wilayah": "Seluruh kecamatan di Kota Tangerang",
        "metode_pengumpulan": "wawancara",
        "sarana": "capi",
        "unit_pengumpulan": "rumah_tangga",
        "jenis_rancangan_sampel": "multi_stage",
        "metode_pemilihan_sampel": "probability",
        "kerangka_sampel": "Daftar blok sensus dan rumah tangga dengan balita",
        "unit_sampel": "Rumah tangga",
        "unit_observasi": "Balita usia 0-59 bulan",
        "uji_coba": True,
        "jumlah_petugas": 52,
        "tingkat_penyajian": "Kecamatan",
        "produk_diseminasi": "Laporan Status Gizi Balita Kota Tangerang 2025; tabel per kecamatan",
    },
    "variabel": [
        _var(
            "Umur balita (bulan)",
            "Umur",
            "Selisih tanggal pengukuran dengan tanggal lahir balita, dalam bulan penuh.",
            "numerik",
            aturan_validasi="0 sampai 59",
            kalimat_pertanyaan="Berapa umur [NAMA] dalam bulan?",
        ),
        _var(
            "Tinggi badan (cm)",
            "Tinggi badan",
            "Panjang atau tinggi badan balita diukur dengan alat ukur standar, dalam sentimeter.",
            "numerik",
        ),
        _var(
            "NIK balita",
            "Nomor Induk Kependudukan",
            "Nomor identitas penduduk balita menurut Kartu Keluarga.",
            "karakter",
            akses_publik=False,
        ),
    ],
    "indikator": [
        {
            "nama": "Prevalensi stunting balita",
            "konsep": "Stunting",
            "definisi": "Persentase balita dengan z-skor TB/U kurang dari -2 SD.",
            "metode_perhitungan": "(balita dengan TB/U < -2 SD / seluruh balita diukur) x 100",
            "ukuran": "Persentase",
            "satuan": "Persen",
            "komposit": False,
            "variabel_pembangun": "Umur balita (bulan); Tinggi badan (cm)",
            "level_estimasi": "kecamatan",
            "akses_publik": True,
        }
    ],
    "romantik": ("B-0412/36710/VS.300/2025", date(2025, 3, 3), "R-3671-2025-017"),
    "gsbpm": {"1": SELESAI, "2": SELESAI, "3": SELESAI, "4.1": SELESAI, "4.2": BERJALAN},
}
DUKCAPIL = {
    "org": "disdukcapil",
    "published": True,
    "ms_keg": {
        "judul": "Kompilasi Data Administrasi Kependudukan",
        "tahun": 2025,
        "cara_pengumpulan": "kompilasi_produk_administrasi",
        "sektor": "Kependudukan",
        "instansi_penyelenggara": "Dinas Kependudukan dan Pencatatan Sipil Kota Tangerang",
        "pj_nama": "Kepala Bidang Pemanfaatan Data dan Inovasi Pelayanan",
        "latar_belakang": "Data agregat kependudukan semester dibutuhkan semua OPD.",
        "tujuan": "Menyajikan jumlah penduduk per kecamatan dan kelurahan setiap semester.",
        "perulangan": "berulang",
        "frekuensi": "semesteran",
        "cakupan_wilayah": "Kota Tangerang",
        "metode_pengumpulan": "data_sekunder",
        "unit_pengumpulan": "individu",
        "tingkat_penyajian": "Kelurahan",
    },
    "variabel": [
        _var(
            "Jenis kelamin",
            "Jenis kelamin",
            "Jenis kelamin penduduk menurut dokumen kependudukan.",
            "karakter",
            klasifikasi_isian="1 Laki-laki; 2 Perempuan",
        )
    ],
    "indikator": [
        {
            "nama": "Rasio jenis kelamin",
            "konsep": "Rasio jenis kelamin",
            "definisi": "Banyaknya penduduk laki-laki per 100 penduduk perempuan.",
            "metode_perhitungan": "(penduduk laki-laki / penduduk perempuan) x 100",
            "ukuran": "Rasio",
            "satuan": "Laki-laki per 100 perempuan",
            "komposit": False,
            "akses_publik": True,
        }
    ],
    "romantik": None,
    "gsbpm": {
        "1": SELESAI,
        "2": SELESAI,
        "3": SELESAI,
        "4": SELESAI,
        "5": SELESAI,
        "6": BERJALAN,
        "2.4": NA,
        "5.6": NA,
    },
}
SKM = {
    "org": "bappeda",
    "published": False,
    "ms_keg": {
        "judul": "Survei Kepuasan Masyarakat",
        "tahun": 2025,
        "cara_pengumpulan": "survei",
        "sektor": "Pemerintahan",
        "instansi_penyelenggara": "Badan Perencanaan Pembangunan Daerah Kota Tangerang",
        "pj_nama": "Kepala Bidang Perencanaan, Pengendalian dan Evaluasi",
        "latar_belakang": "Permenpan RB 14/2017 mewajibkan survei kepuasan masyarakat.",
        "tujuan": "Mengukur indeks kepuasan masyarakat terhadap layanan publik kota.",
        "frekuensi": "tahunan",
        "cakupan_wilayah": "Kota Tangerang",
        "metode_pengumpulan": "mengisi_sendiri",
        "sarana": "cawi",
        "jenis_rancangan_sampel": "single_stage",
        "metode_pemilihan_sampel": "nonprobability",
        "unit_sampel": "Pengguna layanan",
    },
    "variabel": [
        _var(
            "Kepuasan terhadap waktu layanan",
            "Kepuasan",
            "Penilaian pengguna atas kecepatan layanan, skala 1 sampai 4.",
            "numerik",
        )
    ],
    "indikator": [],
    "romantik": ("005/1021-Bappeda/2025", date(2025, 9, 15), None),
    "gsbpm": {"1.1": SELESAI, "1.2": SELESAI, "1.3": BERJALAN},
}
KEGIATAN = (GIZI, DUKCAPIL, SKM)


def _statuses(spec: dict[str, str]) -> dict[str, str]:
    """Sub-process statuses from a spec of phases ("2") and sub-processes ("2.4")."""
    found: dict[str, str] = {}
    for key, status in sorted(spec.items(), key=lambda kv: "." in kv[0]):
        codes = [s.code for s in gsbpm.PHASE_BY_CODE[key].subprocesses] if "." not in key else [key]
        found.update(dict.fromkeys(codes, status))
    return found


@transaction.atomic
def load() -> int:
    """Add the demo kegiatan that are missing; returns how many were added."""
    organisations = ensure_organisations()
    people = ensure_people(organisations)
    added = 0
    for spec in KEGIATAN:
        organisation = organisations[spec["org"]]
        judul = spec["ms_keg"]["judul"]
        if Kegiatan.objects.filter(organisation=organisation, judul=judul).exists():
            continue
        produsen = people[spec["org"]]
        kegiatan = actions.check_save_kegiatan(
            user=produsen,
            values=spec["ms_keg"],
            organisation=organisation,
            published=spec["published"],
        )
        for kind in ("variabel", "indikator"):
            for values in spec[kind]:
                actions.check_save_entry(user=produsen, kegiatan=kegiatan, kind=kind, values=values)
        if spec["romantik"]:
            nomor, tanggal, rekomendasi = spec["romantik"]
            actions.check_request_romantik(
                user=produsen, kegiatan=kegiatan, nomor_pengajuan=nomor, tanggal_pengajuan=tanggal
            )
            actions.check_record_romantik_outcome(
                user=people["bps"],
                kegiatan=kegiatan,
                status="direkomendasikan" if rekomendasi else "diproses",
                nomor_rekomendasi=rekomendasi or "",
                catatan="Rancangan sampel sesuai." if rekomendasi else "",
            )
        for code, status in _statuses(spec["gsbpm"]).items():
            actions.check_update_proses(
                user=produsen, kegiatan=kegiatan, code=code, status=status, owner=produsen
            )
        added += 1
    return added
