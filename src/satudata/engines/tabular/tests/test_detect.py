import io
import zipfile

import pytest
import xlsxwriter
from msoffcrypto.format.ooxml import OOXMLFile

from satudata.engines.tabular import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    MacroFileError,
    Options,
    UnsupportedFormatError,
    ZipBombError,
    inspect,
)
from satudata.engines.tabular.detect import detect_format


def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["kode", "nama"])
    sheet.write_row(1, 0, ["01", "Ciledug"])
    book.close()
    return buffer.getvalue()


def test_empty_file_is_refused(tmp_path, options):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as caught:
        inspect(path, options=options)
    assert caught.value.problem.rule == "file.empty"
    assert caught.value.problem.params["filename"] == "kosong.csv"


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "besar.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 1000)
    with pytest.raises(FileTooLargeError) as caught:
        detect_format(path, path.name, Options(max_bytes=1000))
    assert caught.value.problem.rule == "file.too_large"


def test_unsupported_extension(tmp_path, options):
    path = tmp_path / "laporan.pdf"
    path.write_bytes(b"%PDF-1.7 ...")
    with pytest.raises(UnsupportedFormatError) as caught:
        detect_format(path, path.name, options)
    assert caught.value.problem.params["extension"] == ".pdf"


def test_content_must_match_extension(tmp_path, options):
    path = tmp_path / "data.csv"
    path.write_bytes(_xlsx_bytes())
    with pytest.raises(UnsupportedFormatError) as caught:
        detect_format(path, path.name, options)
    assert caught.value.problem.params["content"] == "XLSX"


def test_web_page_saved_as_xls_is_refused(tmp_path, options):
    path = tmp_path / "export.xls"
    path.write_bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>")
    with pytest.raises(UnsupportedFormatError):
        detect_format(path, path.name, options)


def test_workbook_detected_by_content_even_with_other_workbook_extension(tmp_path, options):
    path = tmp_path / "data.xls"
    path.write_bytes(_xlsx_bytes())
    assert detect_format(path, path.name, options) == "xlsx"


def test_password_protected_xlsx_is_refused(tmp_path, options):
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(_xlsx_bytes())).encrypt("rahasia", encrypted)
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(encrypted.getvalue())
    with pytest.raises(EncryptedFileError) as caught:
        inspect(path, options=options)
    assert caught.value.problem.rule == "file.encrypted"


def test_macro_extension_is_refused(tmp_path, options):
    path = tmp_path / "makro.xlsm"
    path.write_bytes(_xlsx_bytes())
    with pytest.raises(MacroFileError):
        detect_format(path, path.name, options)


def test_workbook_with_vba_project_is_refused_whatever_its_name(tmp_path, options):
    path = tmp_path / "biasa.xlsx"
    with zipfile.ZipFile(io.BytesIO(_xlsx_bytes())) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(MacroFileError) as caught:
        inspect(path, options=options)
    assert caught.value.problem.rule == "file.macro"


def test_zip_bomb_is_refused_before_decompression(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(40):
                entry.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ZipBombError) as caught:
        detect_format(path, path.name, Options(max_uncompressed=16 * 1024 * 1024))
    assert caught.value.problem.params["size_mb"] == 40


def test_absurd_compression_ratio_is_refused(tmp_path):
    path = tmp_path / "rasio.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
    with pytest.raises(ZipBombError):
        detect_format(path, path.name, Options(max_ratio=100))


def test_damaged_zip_is_reported(tmp_path, options):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(CorruptFileError):
        detect_format(path, path.name, options)


def test_plain_text_is_csv(tmp_path, options):
    for name in ("a.csv", "a.tsv", "a.txt"):
        path = tmp_path / name
        path.write_text("a;b\n1;2\n", encoding="utf-8")
        assert detect_format(path, name, options) == "csv"
