import io
import json

import openpyxl
import pytest

from satudata.engines.stats import metadata as md
from satudata.engines.stats import metadata_io as mio

KEG = {
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
    "uji_coba": True,
    "jumlah_petugas": 52,
    "jadwal_pengumpulan_mulai": "2025-07-01",
}
VAR = {
    "nama": "Umur",
    "konsep": "Umur",
    "definisi": "Umur dalam bulan.",
    "tipe_data": "numerik",
    "akses_publik": True,
}
IND = {
    "nama": "Prevalensi stunting",
    "konsep": "Stunting",
    "definisi": "Persentase balita pendek.",
    "metode_perhitungan": "a/b x 100",
    "ukuran": "Persentase",
    "satuan": "Persen",
    "komposit": False,
    "akses_publik": False,
}


def record() -> md.KegiatanRecord:
    return md.KegiatanRecord(
        dict(KEG), variabel=[md.Record(dict(VAR))], indikator=[md.Record(dict(IND))]
    )


def test_clean_accepts_labels_codes_and_words():
    raw = {**KEG, "cara_pengumpulan": "Survei", "frekuensi": "TAHUNAN", "uji_coba": "Ya"}
    raw["tahun"] = "2025.0"
    raw["jadwal_pengumpulan_mulai"] = "01/07/2025"
    values, problems = md.clean(md.KEG_FIELDS, raw, sheet=md.SHEET_KEG)
    assert problems == []
    assert values == KEG


def test_required_and_conditional_required():
    raw = {k: v for k, v in KEG.items() if k not in ("tujuan", "unit_sampel")}
    _values, problems = md.clean(md.KEG_FIELDS, raw, sheet=md.SHEET_KEG, row=3)
    assert [(p.column, p.rule) for p in problems] == [
        ("Tujuan Kegiatan", md.REQUIRED),
        ("Unit Sampel", md.REQUIRED_IF),
    ]
    assert problems[1].value == "Cara Pengumpulan Data = Survei"
    compilation = {**raw, "cara_pengumpulan": "kompilasi_produk_administrasi", "tujuan": "x"}
    assert md.clean(md.KEG_FIELDS, compilation, sheet=md.SHEET_KEG)[1] == []


@pytest.mark.parametrize(
    ("key", "value", "rule"),
    [
        ("tahun", "dua ribu", md.NOT_INTEGER),
        ("tahun", "1800", md.OUT_OF_RANGE),
        ("jadwal_pengumpulan_mulai", "besok", md.NOT_DATE),
        ("uji_coba", "mungkin", md.NOT_YES_NO),
        ("frekuensi", "kadang", md.NOT_CHOICE),
        ("sektor", "x" * 501, md.TOO_LONG),
    ],
)
def test_broken_values_name_the_rule(key, value, rule):
    _values, problems = md.clean(md.KEG_FIELDS, {**KEG, key: value}, sheet=md.SHEET_KEG, row=2)
    assert [p.rule for p in problems] == [rule]
    assert problems[0].row == 2
    if rule == md.NOT_CHOICE:
        assert "Tahunan" in problems[0].allowed


def test_composite_indicator_needs_its_components():
    _values, problems = md.clean(md.IND_FIELDS, {**IND, "komposit": "Ya"}, sheet=md.SHEET_IND)
    assert [(p.column, p.rule) for p in problems] == [("Indikator Pembangun", md.REQUIRED_IF)]


def test_missing_required_lists_labels():
    assert md.missing_required(md.VAR_FIELDS, {"nama": "x"}) == [
        "Konsep",
        "Definisi",
        "Tipe Data",
        "Akses Publik",
    ]


def test_workbook_round_trip_gives_the_same_records(tmp_path):
    target = tmp_path / "ms.xlsx"
    mio.write_workbook([record()], target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["MS-Keg", "MS-Var", "MS-Ind"]
    headers = [c.value for c in book["MS-Keg"][1]]
    assert headers[:3] == ["Judul Kegiatan", "Tahun", "Cara Pengumpulan Data"]
    assert book["MS-Keg"]["C2"].value == "Survei"
    assert [c.value for c in book["MS-Var"][1]][:3] == ["Judul Kegiatan", "Tahun", "Nama Variabel"]
    parsed = mio.read_workbook(target)
    assert parsed.ok, parsed.problems
    [found] = parsed.kegiatan
    assert found.values == KEG
    assert [v.values for v in found.variabel] == [VAR]
    assert [i.values for i in found.indikator] == [IND]


def _broken_workbook() -> bytes:
    book = openpyxl.Workbook()
    keg = book.active
    keg.title = "MS-Keg"
    labels = [f.label for f in md.KEG_FIELDS]
    keg.append(labels)
    keg.append([md.display(f, KEG.get(f.key)) for f in md.KEG_FIELDS])
    keg.append([md.display(f, KEG.get(f.key)) for f in md.KEG_FIELDS])  # a duplicate
    var = book.create_sheet("MS-Var")
    var.append(["Judul Kegiatan", "Tahun", *[f.label for f in md.VAR_FIELDS]])
    for _n in range(4):
        var.append([])
    good = [KEG["judul"], 2025, *[md.display(f, VAR.get(f.key)) for f in md.VAR_FIELDS]]
    var.append(good)
    no_def = list(good)
    no_def[2 + 3] = None  # Definisi
    no_def[2] = "Tinggi"
    var.append(no_def)
    var.append(
        [
            "Survei Lain",
            2024,
            "Berat",
            "k",
            "d",
            None,
            None,
            None,
            "Numerik",
            None,
            None,
            None,
            "Ya",
        ]
    )
    book.create_sheet("MS-Ind").append(["Judul Kegiatan", "Tahun", "Nama Indikator"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_broken_workbook_gives_precise_problems(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_broken_workbook())
    parsed = mio.read_workbook(path)
    found = {(p.sheet, p.row, p.column, p.rule) for p in parsed.problems}
    assert ("MS-Keg", 3, "Judul Kegiatan", md.DUPLICATE) in found
    assert ("MS-Var", 7, "Definisi", md.REQUIRED) in found
    assert ("MS-Var", 8, "Judul Kegiatan", md.UNKNOWN_KEGIATAN) in found
    assert ("MS-Ind", 1, "Konsep", md.MISSING_COLUMN) in found


def test_not_a_workbook_and_missing_sheet(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"bukan excel")
    assert [p.rule for p in mio.read_workbook(junk).problems] == [md.NOT_WORKBOOK]
    book = openpyxl.Workbook()
    book.active.title = "Lembar1"
    other = tmp_path / "other.xlsx"
    book.save(other)
    assert [(p.sheet, p.rule) for p in mio.read_workbook(other).problems] == [
        ("MS-Keg", md.MISSING_SHEET)
    ]


def test_json_round_trip_and_problems_with_paths():
    doc = mio.to_json([record()])
    assert doc["format"] == mio.JSON_FORMAT
    parsed = mio.from_json(json.dumps(doc))
    assert parsed.ok
    assert parsed.kegiatan[0].values == KEG
    assert parsed.kegiatan[0].variabel[0].values == VAR
    doc["kegiatan"][0]["variabel"].append({**VAR, "nama": "Berat", "definisi": ""})
    problems = mio.from_json(doc).problems
    assert [(p.path, p.column, p.rule) for p in problems] == [
        ("kegiatan[0].variabel[1]", "Definisi", md.REQUIRED)
    ]
    assert [p.rule for p in mio.from_json(b"{").problems] == [md.NOT_JSON]
    assert [p.rule for p in mio.from_json({"kegiatan": {}}).problems] == [md.NOT_A_LIST]
