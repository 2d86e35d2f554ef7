import openpyxl
import pytest

from satudata.engines.tabular import FieldSpec, FieldType, write_template

KELURAHAN = {f"36.71.01.{1000 + i}": f"Kelurahan {i}" for i in range(1, 105)}
FIELDS = [
    FieldSpec(
        "kode_kelurahan",
        FieldType.STRING,
        title="Kode Kelurahan",
        required=True,
        description="Kode Kemendagri",
        codes=KELURAHAN,
    ),
    FieldSpec(
        "jumlah_penduduk", FieldType.INTEGER, title="Jumlah Penduduk", unit="jiwa", minimum=0
    ),
    FieldSpec("tanggal_data", FieldType.DATE, title="Tanggal Data"),
    FieldSpec("aktif", FieldType.BOOLEAN),
]


@pytest.fixture
def book(tmp_path):
    target = tmp_path / "template.xlsx"
    words = {"Instructions": "Petunjuk", "Data": "Data", "whole number": "bilangan bulat"}
    write_template(FIELDS, target, title="Penduduk per Kelurahan", tr=lambda t: words.get(t, t))
    return openpyxl.load_workbook(target)


def test_sheets_and_headers(book):
    assert book.sheetnames == ["Data", "Petunjuk", "daftar_kode"]
    assert book["daftar_kode"].sheet_state == "hidden"
    data = book["Data"]
    assert [c.value for c in data[1]] == [
        "Kode Kelurahan",
        "Jumlah Penduduk",
        "Tanggal Data",
        "aktif",
    ]
    assert data["A1"].font.bold
    assert data["A1"].comment.text == "Kode Kemendagri"


def test_code_list_drop_down_refers_to_the_hidden_sheet(book):
    validations = {str(v.sqref): v for v in book["Data"].data_validations.dataValidation}
    codes = validations["A2:A100001"]
    assert codes.type == "list"
    assert codes.formula1 == "'daftar_kode'!$A$2:$A$105"
    lists = book["daftar_kode"]
    assert lists["A2"].value == "36.71.01.1001" and lists["B2"].value == "Kelurahan 1"
    assert lists.max_row == 105
    assert validations["B2:B100001"].type == "whole"
    assert validations["C2:C100001"].type == "date"
    assert validations["D2:D100001"].type == "list"


def test_text_and_date_formats(book):
    data = book["Data"]
    assert data.column_dimensions["A"].number_format == "@"
    assert data.column_dimensions["C"].number_format == "dd/mm/yyyy"


def test_instructions_describe_every_column(book):
    rows = list(book["Petunjuk"].iter_rows(values_only=True))
    assert rows[0][0] == "Penduduk per Kelurahan"
    described = {row[1]: row for row in rows if row and row[1] in {f.name for f in FIELDS}}
    assert described["jumlah_penduduk"][2] == "bilangan bulat"
    assert described["jumlah_penduduk"][4] == "jiwa"
    assert described["kode_kelurahan"][3] == "yes"
    assert "104" in described["kode_kelurahan"][6]
