"""BPS Metadata Statistik (Peraturan BPS 5/2020): the fields of MS-Keg (kegiatan), MS-Var
(variabel) and MS-Ind (indikator), the rules for required metadata, and their exchange formats.

A record is a dict from a field's key to its value in JSON form: text, an integer, an ISO date
("2025-03-01"), a boolean or the code of a choice; an empty field is left out. Column headers
and choice labels are the Indonesian names of BPS's forms. Problems are data (sheet, row,
column, rule, value); the caller words them for the user. The workbook layout and the JSON
shape are in `metadata_io`."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

TEXT, LONG, INTEGER, DATE, BOOLEAN, CHOICE = "text", "long", "integer", "date", "boolean", "choice"

SHEET_KEG, SHEET_VAR, SHEET_IND = "MS-Keg", "MS-Var", "MS-Ind"
KEY_JUDUL, KEY_TAHUN = "Judul Kegiatan", "Tahun"


# Rules a problem names.
REQUIRED = "required"
REQUIRED_IF = "required_if"
NOT_INTEGER = "not_integer"
OUT_OF_RANGE = "out_of_range"
NOT_DATE = "not_date"
NOT_YES_NO = "not_yes_no"
NOT_CHOICE = "not_choice"
TOO_LONG = "too_long"
DUPLICATE = "duplicate"
UNKNOWN_KEGIATAN = "unknown_kegiatan"
MISSING_SHEET = "missing_sheet"
MISSING_COLUMN = "missing_column"
NOT_WORKBOOK = "not_workbook"
NOT_JSON = "not_json"
NOT_A_LIST = "not_a_list"

YES, NO = "Ya", "Tidak"
TRUE_WORDS = frozenset({"ya", "y", "yes", "true", "1", "benar"})
FALSE_WORDS = frozenset({"tidak", "t", "no", "false", "0", "salah"})
TEXT_LIMIT, LONG_LIMIT = 500, 10_000


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    required_if: tuple[str, Any] | None = None  # (key, value): required when that field has it
    section: str = ""
    minimum: int | None = None
    maximum: int | None = None

    def choice_label(self, code: str) -> str:
        return dict(self.choices).get(code, code)


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None  # the workbook row (1 = headers); None for a whole sheet or a JSON entry
    column: str  # the column header (the field's label), or "" for the sheet
    rule: str
    value: str = ""
    allowed: tuple[str, ...] = ()
    path: str = ""  # where in a JSON document, e.g. kegiatan[0].variabel[2]


@dataclass
class Record:
    values: dict[str, Any]
    row: int | None = None


@dataclass
class KegiatanRecord:
    values: dict[str, Any]
    row: int | None = None
    variabel: list[Record] = field(default_factory=list)
    indikator: list[Record] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int | None]:
        return (str(self.values.get("judul", "")).strip().casefold(), self.values.get("tahun"))


@dataclass
class Parsed:
    kegiatan: list[KegiatanRecord]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


SURVEI = "survei"
CARA_PENGUMPULAN = (
    ("pencacahan_lengkap", "Pencacahan Lengkap"),
    (SURVEI, "Survei"),
    ("kompilasi_produk_administrasi", "Kompilasi Produk Administrasi"),
    ("cara_lain", "Cara Lain sesuai Perkembangan TI"),
)
PERULANGAN = (("sekali", "Hanya Sekali"), ("berulang", "Berulang"))
FREKUENSI = (
    ("harian", "Harian"),
    ("mingguan", "Mingguan"),
    ("bulanan", "Bulanan"),
    ("triwulanan", "Triwulanan"),
    ("semesteran", "Semesteran"),
    ("tahunan", "Tahunan"),
    ("lebih_dari_dua_tahun", "Lebih dari Dua Tahun"),
    ("tidak_tetap", "Tidak Tetap"),
)
TIPE_PENGUMPULAN = (
    ("longitudinal_panel", "Longitudinal Panel"),
    ("longitudinal_cross_section", "Longitudinal Cross Sectional"),
    ("cross_section", "Cross Sectional"),
)
METODE_PENGUMPULAN = (
    ("wawancara", "Wawancara"),
    ("mengisi_sendiri", "Mengisi Kuesioner Sendiri (Swacacah)"),
    ("pengamatan", "Pengamatan"),
    ("data_sekunder", "Pengumpulan Data Sekunder"),
    ("lainnya", "Lainnya"),
)
SARANA = (
    ("papi", "PAPI"),
    ("capi", "CAPI"),
    ("cati", "CATI"),
    ("cawi", "CAWI"),
    ("surat", "Mail"),
    ("lainnya", "Lainnya"),
)
UNIT_PENGUMPULAN = (
    ("individu", "Individu"),
    ("rumah_tangga", "Rumah Tangga"),
    ("usaha", "Usaha/Perusahaan"),
    ("instansi", "Instansi"),
    ("lainnya", "Lainnya"),
)
RANCANGAN_SAMPEL = (
    ("single_stage", "Single Stage/Phase"),
    ("multi_stage", "Multi Stage/Phase"),
)
PEMILIHAN_SAMPEL = (
    ("probability", "Probability Sampling"),
    ("nonprobability", "Nonprobability Sampling"),
)
TIPE_DATA = (
    ("karakter", "Karakter"),
    ("numerik", "Numerik"),
    ("tanggal", "Tanggal"),
    ("boolean", "Boolean"),
)
LEVEL_ESTIMASI = (
    ("nasional", "Nasional"),
    ("provinsi", "Provinsi"),
    ("kabupaten_kota", "Kabupaten/Kota"),
    ("kecamatan", "Kecamatan"),
    ("desa_kelurahan", "Desa/Kelurahan"),
    ("lainnya", "Lainnya"),
)
JADWAL = (
    ("perencanaan", "Perencanaan Kegiatan"),
    ("desain", "Desain"),
    ("pengumpulan", "Pengumpulan Data"),
    ("pengolahan", "Pengolahan Data"),
    ("analisis", "Analisis"),
    ("diseminasi", "Diseminasi Hasil"),
    ("evaluasi", "Evaluasi"),
)

IDENTITAS = "Identitas Kegiatan"
PENYELENGGARA = "I. Penyelenggara"
PENANGGUNG_JAWAB = "II. Penanggung Jawab"
PERENCANAAN = "III. Perencanaan dan Persiapan"
DESAIN = "IV. Desain Kegiatan"
SAMPEL = "V. Desain Sampel"
PENGUMPULAN = "VI. Pengumpulan Data"
PENGOLAHAN = "VII. Pengolahan dan Analisis"
DISEMINASI = "VIII. Diseminasi Hasil"
IS_SURVEI = ("cara_pengumpulan", SURVEI)

KEG_FIELDS: tuple[Field, ...] = (
    Field("judul", KEY_JUDUL, required=True, section=IDENTITAS),
    Field(
        "tahun", KEY_TAHUN, INTEGER, required=True, section=IDENTITAS, minimum=1945, maximum=2100
    ),
    Field(
        "cara_pengumpulan",
        "Cara Pengumpulan Data",
        CHOICE,
        required=True,
        choices=CARA_PENGUMPULAN,
        section=IDENTITAS,
    ),
    Field("sektor", "Sektor Kegiatan", required=True, section=IDENTITAS),
    Field("instansi_penyelenggara", "Instansi Penyelenggara", required=True, section=PENYELENGGARA),
    Field("alamat", "Alamat Lengkap Instansi Penyelenggara", LONG, section=PENYELENGGARA),
    Field("telepon", "Telepon", section=PENYELENGGARA),
    Field("email", "Email", section=PENYELENGGARA),
    Field("unit_eselon", "Unit Eselon Penanggung Jawab", section=PENANGGUNG_JAWAB),
    Field("pj_nama", "Nama Penanggung Jawab", required=True, section=PENANGGUNG_JAWAB),
    Field("pj_jabatan", "Jabatan Penanggung Jawab", section=PENANGGUNG_JAWAB),
    Field("pj_email", "Email Penanggung Jawab", section=PENANGGUNG_JAWAB),
    Field("latar_belakang", "Latar Belakang Kegiatan", LONG, required=True, section=PERENCANAAN),
    Field("tujuan", "Tujuan Kegiatan", LONG, required=True, section=PERENCANAAN),
    *(
        Field(f"jadwal_{key}_{end}", f"Jadwal {label} - {word}", DATE, section=PERENCANAAN)
        for key, label in JADWAL
        for end, word in (("mulai", "Mulai"), ("selesai", "Selesai"))
    ),
    Field("perulangan", "Kegiatan Ini Dilakukan", CHOICE, choices=PERULANGAN, section=DESAIN),
    Field(
        "frekuensi",
        "Frekuensi Penyelenggaraan",
        CHOICE,
        required=True,
        choices=FREKUENSI,
        section=DESAIN,
    ),
    Field(
        "tipe_pengumpulan",
        "Tipe Pengumpulan Data",
        CHOICE,
        choices=TIPE_PENGUMPULAN,
        section=DESAIN,
    ),
    Field(
        "cakupan_wilayah",
        "Cakupan Wilayah Pengumpulan Data",
        required=True,
        section=DESAIN,
    ),
    Field(
        "metode_pengumpulan",
        "Metode Pengumpulan Data",
        CHOICE,
        required=True,
        choices=METODE_PENGUMPULAN,
        section=DESAIN,
    ),
    Field("sarana", "Sarana Pengumpulan Data", CHOICE, choices=SARANA, section=DESAIN),
    Field(
        "unit_pengumpulan",
        "Unit Pengumpulan Data",
        CHOICE,
        choices=UNIT_PENGUMPULAN,
        section=DESAIN,
    ),
    Field(
        "jenis_rancangan_sampel",
        "Jenis Rancangan Sampel",
        CHOICE,
        choices=RANCANGAN_SAMPEL,
        required_if=IS_SURVEI,
        section=SAMPEL,
    ),
    Field(
        "metode_pemilihan_sampel",
        "Metode Pemilihan Sampel Tahap Terakhir",
        CHOICE,
        choices=PEMILIHAN_SAMPEL,
        required_if=IS_SURVEI,
        section=SAMPEL,
    ),
    Field("kerangka_sampel", "Kerangka Sampel Tahap Terakhir", section=SAMPEL),
    Field("fraksi_sampel", "Fraksi Sampel Keseluruhan", section=SAMPEL),
    Field("sampling_error", "Nilai Perkiraan Sampling Error Variabel Utama", section=SAMPEL),
    Field("unit_sampel", "Unit Sampel", required_if=IS_SURVEI, section=SAMPEL),
    Field("unit_observasi", "Unit Observasi", section=SAMPEL),
    Field("uji_coba", "Apakah Melakukan Uji Coba (Pilot Survey)", BOOLEAN, section=PENGUMPULAN),
    Field(
        "pemeriksaan_kualitas",
        "Metode Pemeriksaan Kualitas Pengumpulan Data",
        LONG,
        section=PENGUMPULAN,
    ),
    Field(
        "penyesuaian_nonrespon",
        "Apakah Melakukan Penyesuaian Nonrespon",
        BOOLEAN,
        section=PENGUMPULAN,
    ),
    Field("petugas", "Petugas Pengumpulan Data", section=PENGUMPULAN),
    Field(
        "jumlah_petugas",
        "Jumlah Petugas",
        INTEGER,
        section=PENGUMPULAN,
        minimum=0,
        maximum=1_000_000,
    ),
    Field("tahapan_pengolahan", "Tahapan Pengolahan Data", LONG, section=PENGOLAHAN),
    Field("metode_analisis", "Metode Analisis", LONG, section=PENGOLAHAN),
    Field("unit_analisis", "Unit Analisis", section=PENGOLAHAN),
    Field("tingkat_penyajian", "Tingkat Penyajian Hasil Analisis", section=PENGOLAHAN),
    Field(
        "produk_diseminasi",
        "Produk Kegiatan yang Tersedia untuk Umum",
        LONG,
        section=DISEMINASI,
    ),
    Field("rencana_rilis", "Rencana Rilis Produk Kegiatan", DATE, section=DISEMINASI),
)

VAR_FIELDS: tuple[Field, ...] = (
    Field("nama", "Nama Variabel", required=True),
    Field("alias", "Alias"),
    Field("konsep", "Konsep", LONG, required=True),
    Field("definisi", "Definisi", LONG, required=True),
    Field("referensi_pemilihan", "Referensi Pemilihan"),
    Field("referensi_waktu", "Referensi Waktu"),
    Field("tipe_data", "Tipe Data", CHOICE, required=True, choices=TIPE_DATA),
    Field("klasifikasi_isian", "Klasifikasi Isian", LONG),
    Field("aturan_validasi", "Aturan Validasi", LONG),
    Field("kalimat_pertanyaan", "Kalimat Pertanyaan", LONG),
    Field("akses_publik", "Akses Publik", BOOLEAN, required=True),
)

IND_FIELDS: tuple[Field, ...] = (
    Field("nama", "Nama Indikator", required=True),
    Field("konsep", "Konsep", LONG, required=True),
    Field("definisi", "Definisi", LONG, required=True),
    Field("interpretasi", "Interpretasi", LONG),
    Field("metode_perhitungan", "Metode/Rumus Perhitungan", LONG, required=True),
    Field("ukuran", "Ukuran", required=True),
    Field("satuan", "Satuan", required=True),
    Field("klasifikasi_penyajian", "Klasifikasi Penyajian"),
    Field("komposit", "Apakah Indikator Komposit", BOOLEAN, required=True),
    Field("indikator_pembangun", "Indikator Pembangun", LONG, required_if=("komposit", True)),
    Field("variabel_pembangun", "Variabel Pembangun", LONG),
    Field("level_estimasi", "Level Estimasi", CHOICE, choices=LEVEL_ESTIMASI),
    Field("akses_publik", "Akses Publik", BOOLEAN, required=True),
)

SHEETS: dict[str, tuple[Field, ...]] = {
    SHEET_KEG: KEG_FIELDS,
    SHEET_VAR: VAR_FIELDS,
    SHEET_IND: IND_FIELDS,
}
LINK_FIELDS = (KEG_FIELDS[0], KEG_FIELDS[1])  # a MS-Var / MS-Ind row names its kegiatan


def sections(fields: Sequence[Field]) -> list[tuple[str, list[Field]]]:
    """The fields grouped by their section, in order."""
    grouped: dict[str, list[Field]] = {}
    for item in fields:
        grouped.setdefault(item.section, []).append(item)
    return list(grouped.items())


# Values


def text_of(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y")


def _date(raw: Any) -> str | None:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = text_of(raw)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _choice(item: Field, text: str) -> str | None:
    wanted = text.casefold()
    for code, label in item.choices:
        if wanted in (code.casefold(), label.casefold()):
            return code
    return None


def convert(item: Field, raw: Any) -> tuple[Any, str | None]:
    """The JSON value of `raw` for `item` (None when empty), or the rule it breaks."""
    if isinstance(raw, bool) and item.kind == BOOLEAN:
        return raw, None
    text = text_of(raw)
    if not text:
        return None, None
    if item.kind == INTEGER:
        if isinstance(raw, bool) or not re.fullmatch(r"-?\d+(\.0+)?", text):
            return None, NOT_INTEGER
        number = int(float(text))
        low, high = item.minimum, item.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            return None, OUT_OF_RANGE
        return number, None
    if item.kind == DATE:
        found = _date(raw)
        return (found, None) if found else (None, NOT_DATE)
    if item.kind == BOOLEAN:
        word = text.casefold()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return None, NOT_YES_NO
    if item.kind == CHOICE:
        code = _choice(item, text)
        return (code, None) if code else (None, NOT_CHOICE)
    if len(text) > (LONG_LIMIT if item.kind == LONG else TEXT_LIMIT):
        return None, TOO_LONG
    return text, None


def display(item: Field, value: Any) -> str:
    """How a value is written in a workbook cell and shown on a page."""
    if value is None or value == "":
        return ""
    if item.kind == BOOLEAN:
        return YES if value else NO
    if item.kind == CHOICE:
        return item.choice_label(str(value))
    return str(value)


def allowed_of(item: Field) -> tuple[str, ...]:
    """What the field accepts, for a message that says what to write instead."""
    if item.kind == CHOICE:
        return tuple(label for _code, label in item.choices)
    if item.kind == BOOLEAN:
        return (YES, NO)
    if item.kind == DATE:
        return ("YYYY-MM-DD",)
    if item.kind == INTEGER:
        return (f"{item.minimum}–{item.maximum}",) if item.minimum is not None else ()
    return (str(LONG_LIMIT if item.kind == LONG else TEXT_LIMIT),)


def clean(
    fields: Sequence[Field],
    raw: Mapping[str, Any],
    *,
    sheet: str,
    row: int | None = None,
    path: str = "",
) -> tuple[dict[str, Any], list[Problem]]:
    """Convert and check one record: each field's value, then the required ones."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for item in fields:
        value, rule = convert(item, raw.get(item.key))
        if rule:
            problems.append(
                Problem(
                    sheet, row, item.label, rule, text_of(raw.get(item.key)), allowed_of(item), path
                )
            )
        elif value is not None:
            values[item.key] = value
    broken = {p.column for p in problems}
    for item in fields:
        if item.key in values or item.label in broken:
            continue
        if item.required:
            problems.append(Problem(sheet, row, item.label, REQUIRED, path=path))
        elif item.required_if and values.get(item.required_if[0]) == item.required_if[1]:
            other = next(f for f in fields if f.key == item.required_if[0])
            condition = f"{other.label} = {display(other, item.required_if[1])}"
            problems.append(Problem(sheet, row, item.label, REQUIRED_IF, condition, path=path))
    return values, problems


def missing_required(fields: Sequence[Field], values: Mapping[str, Any]) -> list[str]:
    """The labels of required fields (also those another field's value requires) still empty."""
    problems = clean(fields, values, sheet="")[1]
    return [p.column for p in problems if p.rule in (REQUIRED, REQUIRED_IF)]
