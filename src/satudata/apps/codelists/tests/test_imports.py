"""Reading files (through the tabular engine) and checking rows, without writing anything."""

import pytest

from satudata.apps.codelists import imports
from satudata.apps.codelists.errors import TableError
from satudata.apps.codelists.imports import (
    Table,
    match_columns,
    normalise_kode_wilayah,
    parse_codes,
    parse_date,
    parse_entries,
)
from satudata.apps.codelists.tests.helpers import xlsx_file
from satudata.engines.tabular import Options

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def read(tmp_path):
    def read_file(data: bytes, name: str) -> Table:
        path = tmp_path / "upload"
        path.write_bytes(data)
        return imports.read_table(path, name, Options(temp_dir=tmp_path))

    return read_file


def table(headers: list[str], *rows: list[str]) -> Table:
    return Table(headers=headers, header_row=1, rows=[(n, r) for n, r in enumerate(rows, 2)])


def rules(problems) -> list[tuple[str, int | None]]:
    return [(p.rule, p.row) for p in problems]


def test_csv_with_semicolons_bom_title_rows_and_blank_lines(read):
    data = "\ufeffDaftar agama\n\nKode;Nama;Label EN\n1;Islam;Islam\n\n2;Kristen;Christianity\n"
    found = read(data.encode("utf-8"), "agama.csv")
    assert found.header_row == 3
    assert found.headers == ["Kode", "Nama", "Label EN"]
    assert found.rows == [(4, ["1", "Islam", "Islam"]), (6, ["2", "Kristen", "Christianity"])]


def test_csv_in_windows_encoding_is_read(read):
    data = "kode,nama\n1,Tidak/Belum Sekolah – é\n".encode("cp1252")
    found = read(data, "x.csv")
    assert found.rows[0][1][1].endswith("é")


def test_xlsx_keeps_row_numbers_and_reads_numbers_as_text(read):
    rows = [["Kode", "Nama"], [1, "Laki-laki"], ["01", "Perempuan"], [], [3.5, " Lain "]]
    found = read(xlsx_file(rows, start_row=2).read(), "jk.xlsx")
    assert found.header_row == 3
    assert found.rows == [(4, ["1", "Laki-laki"]), (5, ["01", "Perempuan"]), (7, ["3.5", "Lain"])]
    assert found.problems == []


def test_rows_with_the_wrong_number_of_fields_are_problems_of_the_table(read):
    found = read(b"kode,nama,induk\n1,Satu,\n2,Dua,1,x\n3,Tiga,1\n", "kode.csv")
    assert [number for number, _cells in found.rows] == [2, 4]
    assert [(p.rule, p.row, p.value) for p in found.problems] == [("ragged_row", 3, "2,Dua,1,x")]
    assert "Row 3 has 4 fields but the header has 3." in found.problems[0].text()
    _rows, problems = parse_codes(found)
    assert [(p.rule, p.row) for p in problems] == [("ragged_row", 3)]


def test_too_many_rows_are_refused(read, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    with pytest.raises(TableError) as caught:
        read(b"kode,nama\n1,a\n2,b\n3,c\n", "kode.csv")
    assert "more than 2 rows" in caught.value.problem.text()


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"", "a.csv", "is empty"),
        (b"kode,nama\n", "a.pdf", '".pdf" are not accepted'),
        (b"not a zip", "a.xlsx", "its content is CSV"),
        (b"a\x00b", "a.csv", "its content is BINARY"),
        (b"\n\n", "a.csv", "No table was found"),
        (b"PK\x03\x04", "a.xlsm", "with macros"),
    ],
)
def test_unreadable_files_raise_a_table_error_that_says_why(read, data, name, says):
    with pytest.raises(TableError) as caught:
        read(data, name)
    assert caught.value.problem.rule == "file.unreadable"
    assert says in caught.value.problem.text()


def test_columns_match_leniently_and_others_are_extra():
    found, extra = match_columns(
        ["KODE", "Uraian", "Kode Induk", "Warna"],
        {
            "code": ("code", "kode"),
            "label_id": ("label", "uraian"),
            "parent": ("induk", "kode_induk"),
        },
    )
    assert found == {"code": 0, "label_id": 1, "parent": 2}
    assert extra == [3]


def test_codes_happy_path_with_hierarchy_dates_and_order():
    rows, problems = parse_codes(
        table(
            ["kode", "nama", "label_en", "induk", "urutan", "berlaku_mulai", "berlaku_sampai"],
            ["1", "Urusan Wajib", "Mandatory", "", "2", "2020-01-01", ""],
            ["1.01", "Pendidikan", "Education", "1", "1", "01/02/2020", "2030-12-31"],
        )
    )
    assert problems == []
    assert [(r.code, r.parent, r.order) for r in rows] == [("1", "", 2), ("1.01", "1", 1)]
    assert rows[1].valid_from.isoformat() == "2020-02-01"


def test_every_code_problem_is_named_with_row_column_value_and_rule():
    _rows, problems = parse_codes(
        table(
            ["code", "label", "parent", "order", "valid_from", "valid_to"],
            ["1", "Satu", "", "", "", ""],
            ["", "Tanpa kode", "", "", "", ""],
            ["1", "Dua kali", "", "", "", ""],
            ["3", "", "9", "x", "kemarin", ""],
            ["4", "Empat", "", "", "2025-01-02", "2024-01-01"],
        )
    )
    assert sorted(rules(problems)) == sorted(
        [
            ("code.missing", 3),
            ("code.duplicate", 4),
            ("label.missing", 5),
            ("order.invalid", 5),
            ("parent.unknown", 5),
            ("date.invalid", 5),
            ("date.order", 6),
        ]
    )
    duplicate = next(p for p in problems if p.rule == "code.duplicate")
    assert duplicate.column == "code"
    assert duplicate.value == "1"
    assert "Row 4" in duplicate.text() and "row 2" in duplicate.text()
    unknown = next(p for p in problems if p.rule == "parent.unknown")
    assert unknown.column == "parent" and unknown.value == "9"


def test_parent_cycles_are_refused():
    _rows, problems = parse_codes(
        table(["code", "label", "parent"], ["a", "A", "b"], ["b", "B", "a"])
    )
    assert {p.rule for p in problems} == {"parent.cycle"}


def test_missing_columns_and_empty_tables():
    _rows, problems = parse_codes(table(["nomor", "warna"], ["1", "x"]))
    assert rules(problems) == [("column.missing", 1), ("column.missing", 1)]
    assert "kode" in problems[0].text()
    _rows, problems = parse_codes(table(["kode", "nama"]))
    assert rules(problems) == [("file.no_rows", 1)]


def known(codes: set[str]) -> set[str]:
    return codes & {"36.71.01.1001"}


def test_entries_by_the_register_identifier_label_with_attributes():
    rows, problems = parse_entries(
        table(
            ["NPSN", "Nama Sekolah", "Kode Wilayah", "Alamat", "Aktif", "Jenjang"],
            ["20600001", "SD Negeri Sukarasa 1", "3671011001", "Jl. Melati 1", "ya", "SD"],
            ["20600002", "SD Negeri Sukarasa 2", "", "", "tidak", ""],
        ),
        "NPSN",
        r"^\d{8}$",
        known,
    )
    assert problems == []
    assert rows[0].kode_wilayah == "36.71.01.1001"
    assert rows[0].attributes == {"jenjang": "SD"}
    assert [r.active for r in rows] == [True, False]


def test_every_entry_problem_is_named():
    _rows, problems = parse_entries(
        table(
            ["npsn", "nama", "kode_wilayah", "aktif"],
            ["2060000", "Pendek", "36.71.01.1001", ""],
            ["20600001", "", "36.99.01.1001", "mungkin"],
            ["20600001", "Kembar", "", ""],
            ["", "Tanpa NPSN", "", ""],
        ),
        "NPSN",
        r"^\d{8}$",
        known,
    )
    assert sorted(rules(problems)) == sorted(
        [
            ("identifier.pattern", 2),
            ("name.missing", 3),
            ("kode_wilayah.unknown", 3),
            ("active.invalid", 3),
            ("identifier.duplicate", 4),
            ("identifier.missing", 5),
        ]
    )
    pattern = next(p for p in problems if p.rule == "identifier.pattern")
    assert "NPSN" in pattern.text() and pattern.value == "2060000"


def test_a_broken_register_pattern_is_a_problem_not_a_crash():
    _rows, problems = parse_entries(table(["npsn", "nama"], ["1", "A"]), "NPSN", "([", known)
    assert rules(problems) == [("identifier.pattern_invalid", None)]


def test_small_parsers():
    assert parse_date("2024-02-29 00:00:00").isoformat() == "2024-02-29"
    with pytest.raises(ValueError):
        parse_date("31/02/2024")
    assert normalise_kode_wilayah("3671") == "36.71"
    assert normalise_kode_wilayah("36.71.01") == "36.71.01"
