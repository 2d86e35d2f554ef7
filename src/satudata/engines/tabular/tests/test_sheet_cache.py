"""A workbook is parsed once for `inspect`, `ingest` and the problem report of an upload."""

import fastexcel
import pytest
import xlsxwriter

from satudata.engines.tabular import CorruptFileError, ingest, inspect, sheets, write_report
from satudata.engines.tabular.sheetcache import FOLDER


@pytest.fixture
def parses(monkeypatch):
    """The sheets parsed for their cells, and those parsed for their cell types."""
    counted: dict[str, int] = {"cells": 0, "types": 0}
    real_parse, real_load = sheets._parse, fastexcel.ExcelReader.load_sheet

    def parse(reader, index):
        counted["cells"] += 1
        return real_parse(reader, index)

    def load_sheet(self, *args, **kwargs):
        if kwargs.get("schema_sample_rows", 1) is None:
            counted["types"] += 1
        return real_load(self, *args, **kwargs)

    monkeypatch.setattr(sheets, "_parse", parse)
    monkeypatch.setattr(fastexcel.ExcelReader, "load_sheet", load_sheet)
    return counted


def workbook(path, rows=3000, error_row=5):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["kecamatan", "jumlah", "rasio", "angka"])
    for row in range(1, rows + 1):
        sheet.write_string(row, 0, f"Kec {row}")
        sheet.write_number(row, 1, row)
        sheet.write_formula(row, 2, "=1/0", None, "#DIV/0!" if row == error_row else row / 4)
        sheet.write_number(row, 3, 1.25 + row)
    book.close()
    return path


def test_inspect_ingest_and_report_parse_the_sheet_once(parses, tmp_path, options):
    path = workbook(tmp_path / "data.xlsx")
    seen = inspect(path, options=options)
    result = ingest(path, tmp_path / "o.parquet", options=options)
    write_report(result, path, tmp_path / "laporan.xlsx", options=options)
    assert parses == {"cells": 1, "types": 0}
    assert result.row_count == 3000
    assert [(p.rule, p.row, p.value) for p in seen.problems] == [
        ("cell.formula_error", 6, "#DIV/0!")
    ]
    assert [(p.rule, p.row) for p in result.problems] == [("cell.formula_error", 6)]


def test_a_limited_read_keeps_only_the_errors_of_its_rows(parses, tmp_path, options):
    path = workbook(tmp_path / "data.xlsx", error_row=2500)
    assert inspect(path, options=options).problems == []
    result = ingest(path, tmp_path / "o.parquet", options=options)
    assert [(p.rule, p.row) for p in result.problems] == [("cell.formula_error", 2501)]
    assert parses["cells"] == 1


def test_cell_types_are_read_once_for_ambiguous_columns(parses, tmp_path, options):
    path = tmp_path / "ambigu.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["wilayah", "ipm"])
    for row in range(1, 50):
        sheet.write_string(row, 0, f"Kec {row}")
        sheet.write_number(row, 1, row + 0.125)
    book.close()
    seen = inspect(path, options=options)
    result = ingest(path, tmp_path / "o.parquet", options=options)
    assert parses == {"cells": 1, "types": 1}
    assert seen.preview[1]["ipm"] == result.preview[1]["ipm"] == pytest.approx(2.125)


def test_another_file_is_parsed_again(parses, tmp_path, options):
    inspect(workbook(tmp_path / "a.xlsx", rows=10), options=options)
    result = ingest(workbook(tmp_path / "b.xlsx", rows=20), tmp_path / "o.parquet", options=options)
    assert result.row_count == 20
    assert parses["cells"] == 2


def test_an_unreadable_entry_is_parsed_again(parses, tmp_path, options):
    path = workbook(tmp_path / "data.xlsx", rows=10)
    inspect(path, options=options)
    for entry in (options.temp_dir / FOLDER).iterdir():
        entry.write_bytes(b"not arrow")
    assert ingest(path, tmp_path / "o.parquet", options=options).row_count == 10
    assert parses["cells"] == 2


def test_a_damaged_workbook_is_reported_and_not_kept(tmp_path, options):
    path = tmp_path / "rusak.xlsx"
    good = workbook(tmp_path / "data.xlsx", rows=10).read_bytes()
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(CorruptFileError) as raised:
        ingest(path, tmp_path / "o.parquet", options=options)
    assert raised.value.problem.params == {"filename": "rusak.xlsx"}
    assert not (tmp_path / "o.parquet").exists()
    assert not list((options.temp_dir / FOLDER).glob("*.arrow"))
