import datetime as dt

import pyarrow.parquet as pq
import pytest
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from satudata.engines.tabular import (
    FieldType,
    Role,
    Severity,
    SheetNotFoundError,
    ingest,
    inspect,
)

BPS_TABLE = [
    ["TABEL 3.1 JUMLAH PENDUDUK MENURUT KECAMATAN DI KOTA TANGERANG, 2024"],
    [],
    ["Kode", "Kecamatan", "Jumlah Penduduk", None, None, "Tanggal Data", "NIK Camat", "Rasio"],
    [None, None, "Laki-laki", "Perempuan", "Total", None, None, None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ["010", "Tangerang", 80000, 79000, "=C6+D6", dt.date(2024, 8, 17), 3671010101800001, 1.5],
    ["020", "Jatiuwung", 60000, 58000, "=C7+D7", dt.date(2024, 8, 18), 3671020202800002, 2.25],
    ["030", "Batuceper", 50000, 51000, "=C8+D8", dt.date(2024, 8, 19), 3671030303800003, 0.75],
    ["Jumlah", None, 190000, 188000, "=SUM(E6:E8)", None, None, None],
    ["Sumber: BPS Kota Tangerang, diolah"],
]


@pytest.fixture
def bps_xlsx(write_xlsx):
    return write_xlsx(BPS_TABLE, merges=["A1:H1", "C3:E3", "A3:A4", "B3:B4", "F3:F4", "G3:G4"])


def test_title_rows_merged_two_row_header_and_numbering(bps_xlsx, options, tmp_path):
    result = ingest(bps_xlsx, tmp_path / "o.parquet", options=options)
    assert [f.title for f in result.fields] == [
        "Kode",
        "Kecamatan",
        "Jumlah Penduduk / Laki-laki",
        "Jumlah Penduduk / Perempuan",
        "Jumlah Penduduk / Total",
        "Tanggal Data",
        "NIK Camat",
        "Rasio",
    ]
    assert result.fields[2].name == "jumlah_penduduk_laki_laki"
    assert result.source.header_rows == (3, 4)
    assert result.source.data_start_row == 6
    assert result.source.title.startswith("TABEL 3.1")
    assert result.source.footnotes == ("Sumber: BPS Kota Tangerang, diolah",)
    assert result.row_count == 3
    total = [p for p in result.problems if p.rule == "row.total"]
    assert [(p.row, p.severity) for p in total] == [(9, Severity.WARNING)]


def test_identifiers_stay_text_with_every_digit(bps_xlsx, options, tmp_path):
    result = ingest(bps_xlsx, tmp_path / "o.parquet", options=options)
    fields = {f.name: f for f in result.fields}
    assert fields["kode"].type is FieldType.STRING
    assert fields["nik_camat"].type is FieldType.STRING
    assert fields["nik_camat"].role is Role.NIK
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["kode"] for r in rows] == ["010", "020", "030"]
    assert rows[0]["nik_camat"] == "3671010101800001"


def test_dates_and_numbers_from_cells(bps_xlsx, options, tmp_path):
    result = ingest(bps_xlsx, tmp_path / "o.parquet", options=options)
    fields = {f.name: f for f in result.fields}
    assert fields["tanggal_data"].type is FieldType.DATE
    assert fields["jumlah_penduduk_laki_laki"].type is FieldType.INTEGER
    assert fields["rasio"].type is FieldType.NUMBER
    assert fields["tanggal_data"].min == dt.date(2024, 8, 17)
    assert result.preview[1]["rasio"] == 2.25


def test_formulas_are_never_computed(bps_xlsx, options, tmp_path):
    result = ingest(bps_xlsx, tmp_path / "o.parquet", options=options)
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["jumlah_penduduk_total"] for r in rows] == [None, None, None]
    assert result.ok


def test_cached_formula_values_are_read_as_stored(tmp_path, options):
    path = tmp_path / "rumus.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["kecamatan", "jumlah", "rasio"])
    for row in range(1, 11):
        sheet.write_string(row, 0, f"Kec {row}")
        sheet.write_formula(row, 1, "=1+1", None, 999)
        sheet.write_formula(row, 2, "=1/0", None, "#DIV/0!" if row == 3 else row / 4)
    book.close()
    result = ingest(path, tmp_path / "o.parquet", options=options)
    assert result.preview[0]["jumlah"] == 999
    [error] = [p for p in result.problems if p.rule == "cell.formula_error"]
    assert (error.row, error.column, error.value, error.severity) == (
        4,
        "rasio",
        "#DIV/0!",
        Severity.WARNING,
    )
    assert result.preview[2]["rasio"] is None
    assert result.ok


def test_serial_dates_under_a_date_header(write_xlsx, options):
    rows = [["No", "Tanggal Lapor"]] + [[i, 45500 + i] for i in range(1, 6)]
    seen = inspect(write_xlsx(rows), options=options)
    assert seen.fields[1].type is FieldType.DATE
    assert seen.preview[0]["tanggal_lapor"] == dt.date(2024, 7, 28)
    assert seen.fields[0].type is FieldType.INTEGER


def test_numeric_cells_with_three_decimals_are_not_thousands(write_xlsx, options):
    rows = [["Wilayah", "IPM"]] + [[f"Kec {i}", 70 + i / 1000 + 0.123] for i in range(5)]
    seen = inspect(write_xlsx(rows), options=options)
    assert seen.fields[1].type is FieldType.NUMBER
    assert seen.preview[0]["ipm"] == pytest.approx(70.123)


def test_text_cells_with_indonesian_thousands(write_xlsx, options):
    rows = [["Wilayah", "Jumlah"]] + [[f"Kec {i}", f"{i}.250"] for i in range(1, 6)]
    seen = inspect(write_xlsx(rows), options=options)
    assert seen.fields[1].type is FieldType.INTEGER
    assert seen.preview[0]["jumlah"] == 1250


def test_first_visible_sheet_with_data_is_chosen(tmp_path, options):
    path = tmp_path / "multi.xlsx"
    book = xlsxwriter.Workbook(str(path))
    hidden = book.add_worksheet("Rahasia")
    hidden.write_row(0, 0, ["x", "y"])
    hidden.write_row(1, 0, [1, 2])
    hidden.hide()
    book.add_worksheet("Kosong")
    data = book.add_worksheet("Data")
    data.write_row(0, 0, ["kode", "nama"])
    data.write_row(1, 0, ["01", "A"])
    data.activate()
    book.close()
    seen = inspect(path, options=options)
    assert seen.source.sheet == "Data"
    assert [(s.name, s.visible) for s in seen.source.sheets] == [
        ("Rahasia", False),
        ("Kosong", True),
        ("Data", True),
    ]
    assert inspect(path, sheet="Rahasia", options=options).preview == [{"x": 1, "y": 2}]
    with pytest.raises(SheetNotFoundError):
        inspect(path, sheet="Tidak Ada", options=options)


def test_legacy_xls(tmp_path, options):
    path = tmp_path / "lama.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for col, title in enumerate(["Kode Wilayah", "Nama", "Jumlah", "Tanggal"]):
        sheet.write(0, col, title)
    for row, (code, name, count) in enumerate(
        [("36.71.01", "Tangerang", 1250), ("36.71.02", "Jatiuwung", 980)], start=1
    ):
        sheet.write(row, 0, code)
        sheet.write(row, 1, name)
        sheet.write(row, 2, count)
        sheet.write(row, 3, dt.date(2024, 1, row), date_style)
    book.save(str(path))
    result = ingest(path, tmp_path / "o.parquet", options=options)
    assert result.source.format == "xls"
    fields = {f.name: f for f in result.fields}
    assert fields["kode_wilayah"].role is Role.KODE_WILAYAH
    assert fields["jumlah"].type is FieldType.INTEGER
    assert fields["tanggal"].type is FieldType.DATE
    assert result.preview[1] == {
        "kode_wilayah": "36.71.02",
        "nama": "Jatiuwung",
        "jumlah": 980,
        "tanggal": dt.date(2024, 1, 2),
    }


def test_opendocument_spreadsheet(tmp_path, options):
    document = OpenDocumentSpreadsheet()
    table = Table(name="Data")
    for values in [["nama", "jumlah"], ["Ani", 12], ["Budi", 7]]:
        row = TableRow()
        for value in values:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    path = tmp_path / "data.ods"
    document.save(str(path))
    seen = inspect(path, options=options)
    assert seen.source.format == "ods"
    assert seen.preview == [{"nama": "Ani", "jumlah": 12}, {"nama": "Budi", "jumlah": 7}]


def test_table_away_from_the_corner_with_three_decimal_numbers(tmp_path, options):
    path = tmp_path / "geser.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(3, 2, ["Kecamatan", "IPM"])
    for row in range(4, 10):
        sheet.write_row(row, 2, [f"Kec {row}", 70 + row / 1000])
    book.close()
    seen = inspect(path, options=options)
    assert seen.source.header_rows == (4,)
    assert seen.fields[1].type is FieldType.NUMBER
    assert seen.preview[0] == {"kecamatan": "Kec 4", "ipm": 70.004}
