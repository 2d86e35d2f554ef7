"""What a demo dataset is: its SDI metadata, how its figures are made, the years uploaded, the
file layout and where its pemeriksaan ends."""

from dataclasses import dataclass

from satudata.apps.catalog.models.choices import DEFAULT_LICENCE, AccessLevel
from satudata.apps.demo.figures import Generator
from satudata.apps.demo.sheets import Layout

ROLLBACK = "rollback"
PERDA_SDI = "Peraturan Wali Kota Tangerang Nomor 26 Tahun 2021 tentang Satu Data Kota Tangerang"
RUJUKAN = {
    "Kependudukan": "Undang-Undang Nomor 24 Tahun 2013 tentang Administrasi Kependudukan",
    "Kesehatan": "Peraturan Menteri Kesehatan Nomor 4 Tahun 2019 tentang Standar Teknis "
    "Pelayanan Dasar pada Standar Pelayanan Minimal Bidang Kesehatan",
    "Pendidikan": "Peraturan Menteri Pendidikan dan Kebudayaan Nomor 32 Tahun 2018 tentang "
    "Standar Teknis Standar Pelayanan Minimal Pendidikan",
    "Sosial": "Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin",
    "Kebencanaan": "Undang-Undang Nomor 24 Tahun 2007 tentang Penanggulangan Bencana",
    "Lingkungan Hidup": "Undang-Undang Nomor 18 Tahun 2008 tentang Pengelolaan Sampah",
}
RUJUKAN_UMUM = "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"
KODE_REFERENSI = "Kode wilayah Kemendagri (Kepmendagri Nomor 300.2.2-2430 Tahun 2025)"


@dataclass(frozen=True)
class Spec:
    """One demo dataset. `end` is the state its last version reaches (a State value, or
    ROLLBACK: published, then the walidata republishes the version before it). With
    `returned_once` the last version is returned with `note` before a corrected upload."""

    title: str
    org: str
    topic: str
    description: str
    table: Generator
    konsep: str
    definisi: str
    ukuran: str
    satuan: str
    tags: tuple[str, ...]
    level: str = "kecamatan"
    years: tuple[int, ...] = (2022, 2023, 2024)
    access: str = "terbuka"
    frekuensi: str = "tahunan"
    klasifikasi: str = ""
    prioritas: tuple[int, ...] = ()
    jenis: str = "sektoral"
    layout: Layout = Layout.CSV
    end: str = "diterbitkan"
    returned_once: bool = False
    note: str = ""
    failed_check: str = "standar_data"

    @property
    def rujukan(self) -> str:
        return f"{RUJUKAN.get(self.topic, RUJUKAN_UMUM)}; {PERDA_SDI}"

    @property
    def licence(self) -> str:
        return DEFAULT_LICENCE[AccessLevel(self.access)]
