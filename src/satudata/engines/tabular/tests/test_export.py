import csv
import datetime as dt
import json

import openpyxl
import pytest

from satudata.engines.tabular import export, ingest
from satudata.engines.tabular import exports as export_module

TEXT = (
    "nama;rumus;saldo;tanggal;aktif\n"
    '=HYPERLINK("http://x");+62812;-1.500;17/08/2024;ya\n'
    "@SUM(A1);-catatan;2.500,5;18/08/2024;tidak\n"
    "biasa;\ttab;0;19/08/2024;ya\n"
)


@pytest.fixture
def version(write_csv, options, tmp_path):
    result = ingest(write_csv(TEXT), tmp_path / "v.parquet", options=options)
    assert result.ok, result.problems
    return result.path


def test_csv_is_rfc4180_and_guards_formulas(version, options, tmp_path):
    target = tmp_path / "out.csv"
    assert export(version, target, "csv", options=options) == 3
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == 4
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
    assert rows[0]["nama"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["rumus"] == "'+62812"
    assert rows[1]["nama"] == "'@SUM(A1)"
    assert rows[1]["rumus"] == "'-catatan"
    assert rows[2]["rumus"] == "'\ttab"
    assert rows[2]["nama"] == "biasa"
    assert rows[0]["saldo"] == "-1500.0"
    assert rows[0]["tanggal"] == "2024-08-17"


def test_xlsx_keeps_numbers_as_numbers(version, options, tmp_path):
    target = tmp_path / "out.xlsx"
    export(version, target, "xlsx", options=options)
    sheet = openpyxl.load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("nama", "rumus", "saldo", "tanggal", "aktif")
    assert values[1][0] == '\'=HYPERLINK("http://x")'
    assert values[1][2] == -1500
    assert values[2][2] == 2500.5
    assert values[1][3] == dt.datetime(2024, 8, 17)
    assert values[1][4] is True
    assert sheet["A2"].data_type == "s"


def test_json_and_ndjson_with_columns_and_limit(version, options, tmp_path):
    export(
        version, tmp_path / "a.json", "json", columns=["nama", "saldo"], limit=2, options=options
    )
    data = json.loads((tmp_path / "a.json").read_text())
    assert data == [
        {"nama": '=HYPERLINK("http://x")', "saldo": -1500.0},
        {"nama": "@SUM(A1)", "saldo": 2500.5},
    ]
    export(version, tmp_path / "a.ndjson", "ndjson", columns=["aktif"], options=options)
    lines = (tmp_path / "a.ndjson").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"aktif": True},
        {"aktif": False},
        {"aktif": True},
    ]


def test_unknown_column_is_refused(version, options, tmp_path):
    with pytest.raises(KeyError):
        export(version, tmp_path / "x.csv", "csv", columns=["tidak_ada"], options=options)
    assert not (tmp_path / "x.csv").exists()


def test_xlsx_continues_on_a_new_sheet_past_the_row_limit(version, options, tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "XLSX_MAX_ROWS", 3)
    target = tmp_path / "out.xlsx"
    export(version, target, "xlsx", options=options)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["data", "data_2"]
    assert [r[0] for r in book["data"].iter_rows(values_only=True)] == [
        "nama",
        '\'=HYPERLINK("http://x")',
        "'@SUM(A1)",
    ]
    assert [r[0] for r in book["data_2"].iter_rows(values_only=True)] == ["nama", "biasa"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+62", "'+62"),
        ("-x", "'-x"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_guard_text(text, written):
    assert export_module.guard_text(text) == written
