import openpyxl
import pytest

from satudata.engines.tabular import FieldSpec, FieldType, ingest, write_report

INDONESIAN = {
    "Problems": "Masalah",
    "Summary": "Ringkasan",
    "Row": "Baris",
    "error": "galat",
    'Row %(row)s, column "%(column)s": "%(value)s" is not a whole number.': (
        'Baris %(row)s kolom "%(column)s": nilai "%(value)s" bukan bilangan bulat.'
    ),
}


def tr(text):
    return INDONESIAN.get(text, text)


@pytest.fixture
def failed(write_csv, options, tmp_path):
    rows = "".join(f"Kec {i};{i * 100}\n" for i in range(1, 21))
    rows = rows.replace("Kec 5;500", "Kec 5;lima ratus")
    path = write_csv("JUDUL TABEL\nKecamatan;Jumlah\n" + rows + "Kec 21;4;9\n")
    result = ingest(path, tmp_path / "v.parquet", options=options)
    assert not result.ok
    return path, result


def test_bad_cell_is_red_with_a_comment(failed, options, tmp_path):
    path, result = failed
    target = tmp_path / "laporan.xlsx"
    write_report(result, path, target, tr=tr, options=options)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Data", "Masalah", "Ringkasan"]
    data = book["Data"]
    assert [c.value for c in data[1]] == ["Baris", "Kecamatan", "Jumlah"]
    assert data.max_row == 21
    bad = data["C6"]
    assert data["A6"].value == 7 and bad.value == "lima ratus"
    assert bad.fill.fgColor.rgb == "FFFFC7CE"
    assert bad.comment.text.startswith(
        'Baris 7 kolom "Jumlah": nilai "lima ratus" bukan bilangan bulat.'
    )
    assert data["C5"].fill.fgColor.rgb != "FFFFC7CE"
    problems = list(book["Masalah"].iter_rows(values_only=True))
    assert problems[0][:3] == ("Sheet", "Baris", "Column")
    rules = {(row[1], row[4]) for row in problems[1:]}
    assert rules == {(7, "type.integer"), (23, "ragged_row")}
    summary = list(book["Ringkasan"].iter_rows(values_only=True))
    assert ("type.integer", "Jumlah", "galat", 1) in summary


def test_large_upload_shows_only_rows_with_problems(failed, options, tmp_path):
    path, result = failed
    target = tmp_path / "laporan.xlsx"
    write_report(result, path, target, options=options, full_rows=5)
    data = openpyxl.load_workbook(target)["Data"]
    assert [row[0] for row in data.iter_rows(min_row=2, values_only=True)] == [7]


def test_report_for_a_workbook_names_its_sheet(write_xlsx, options, tmp_path):
    rows = [["kode", "jumlah"]] + [[f"0{i}", i] for i in range(1, 12)] + [["09", "x"]]
    path = write_xlsx(rows, sheet="Penduduk 2024")
    schema = [
        FieldSpec("kode", FieldType.STRING, unique=True),
        FieldSpec("jumlah", FieldType.INTEGER),
    ]
    result = ingest(path, tmp_path / "v.parquet", schema=schema, options=options)
    target = tmp_path / "laporan.xlsx"
    write_report(result, path, target, options=options)
    book = openpyxl.load_workbook(target)
    data = book["Penduduk 2024"]
    assert data["B13"].fill.fgColor.rgb == "FFFFC7CE"
    assert data["C13"].fill.fgColor.rgb == "FFFFC7CE"
    assert {p.sheet for p in result.problems} == {"Penduduk 2024"}
