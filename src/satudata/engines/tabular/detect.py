"""Decide what an upload is from its bytes, and refuse what must not be opened.

Checks run before anything is decompressed or parsed: size, emptiness, ZIP central directory
(macros, zip bombs), OLE2 streams (password protection, macros).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import olefile

from satudata.engines.tabular.model import MB, Options
from satudata.engines.tabular.problems import (
    N_,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    MacroFileError,
    UnsupportedFormatError,
    ZipBombError,
    fail,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_EXTENSIONS = frozenset({".csv", ".tsv", ".txt"})
SHEET_EXTENSIONS = frozenset({".xlsx", ".xls", ".ods"})
MACRO_EXTENSIONS = frozenset({".xlsm", ".xlsb", ".xltm", ".xlam"})
SIGNATURES = {
    b"%PDF": "pdf",
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF8": "gif",
    b"\x1f\x8b": "gzip",
    b"Rar!": "rar",
    b"7z\xbc\xaf": "7z",
}
HTML_STARTS = (b"<!doctype html", b"<html", b"<table")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ZIP_RATIO_FLOOR = 16 * MB

HINT_SAVE_AS = N_(
    "Open the file in Excel or LibreOffice and save it as .xlsx or .csv, then upload it again."
)


def detect_format(path: Path, filename: str, options: Options) -> str:
    """Return 'csv', 'xlsx', 'xls' or 'ods', or raise a `TabularError` subclass."""
    size = path.stat().st_size
    if size == 0:
        raise fail(
            EmptyFileError,
            N_('The file "%(filename)s" is empty.'),
            N_("Check that you chose the right file, then upload it again."),
            filename=filename,
        )
    if size > options.max_bytes:
        raise fail(
            FileTooLargeError,
            N_("The file is %(size_mb)s MB; the limit is %(limit_mb)s MB."),
            N_(
                "Split the data into several files, or remove columns and sheets that are "
                "not needed."
            ),
            size_mb=round(size / MB, 1),
            limit_mb=round(options.max_bytes / MB, 1),
        )
    extension = Path(filename).suffix.lower()
    if extension in MACRO_EXTENSIONS:
        raise _macro_error(filename)
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(ZIP_MAGIC):
        kind = _zip_kind(path, filename, options)
    elif head.startswith(OLE_MAGIC):
        kind = _ole_kind(path, filename)
    else:
        kind = _text_kind(head)
    if kind == "csv" and extension in TEXT_EXTENSIONS:
        return kind
    if kind in {"xlsx", "xls", "ods"} and extension in SHEET_EXTENSIONS:
        return kind
    if extension not in TEXT_EXTENSIONS | SHEET_EXTENSIONS:
        raise fail(
            UnsupportedFormatError,
            N_('Files of type "%(extension)s" are not accepted.'),
            N_("Upload a .csv, .tsv, .txt, .xlsx, .xls or .ods file."),
            filename=filename,
            extension=extension or "-",
        )
    raise fail(
        UnsupportedFormatError,
        N_(
            'The file "%(filename)s" has the extension "%(extension)s" but its content is '
            "%(content)s."
        ),
        N_("Upload a .csv, .tsv, .txt, .xlsx, .xls or .ods file whose name matches its content."),
        filename=filename,
        extension=extension or "-",
        content=kind.upper(),
    )


def _macro_error(filename: str) -> MacroFileError:
    return fail(
        MacroFileError,
        N_('The file "%(filename)s" is a workbook with macros, which is not accepted.'),
        N_("Save the workbook as an .xlsx file without macros, then upload it again."),
        filename=filename,
    )


def _encrypted_error(filename: str) -> EncryptedFileError:
    return fail(
        EncryptedFileError,
        N_('The file "%(filename)s" is protected with a password.'),
        N_(
            "Open it, remove the password (File > Info > Protect Workbook), save it and "
            "upload it again."
        ),
        filename=filename,
    )


def _corrupt_error(filename: str) -> CorruptFileError:
    return fail(
        CorruptFileError,
        N_('The file "%(filename)s" is damaged and cannot be read.'),
        HINT_SAVE_AS,
        filename=filename,
    )


def _zip_kind(path: Path, filename: str, options: Options) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            total = sum(e.file_size for e in entries)
            packed = sum(e.compress_size for e in entries)
            ratio = total / max(packed, 1)
            if total > options.max_uncompressed or (
                total > ZIP_RATIO_FLOOR and ratio > options.max_ratio
            ):
                raise fail(
                    ZipBombError,
                    N_(
                        'The file "%(filename)s" would unpack to %(size_mb)s MB, which is '
                        "not allowed."
                    ),
                    N_(
                        "Upload the data in a normal workbook; remove images and hidden "
                        "sheets, or split the file."
                    ),
                    filename=filename,
                    size_mb=round(total / MB),
                )
            names = {e.filename for e in entries}
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise _macro_error(filename)
            if "xl/workbook.bin" in names:
                raise _macro_error(filename)
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
                manifest = (
                    archive.read("META-INF/manifest.xml")
                    if ("META-INF/manifest.xml" in names)
                    else b""
                )
                if b"encryption-data" in manifest:
                    raise _encrypted_error(filename)
                return "ods"
    except zipfile.BadZipFile as exc:
        raise _corrupt_error(filename) from exc
    return "zip"


def _ole_kind(path: Path, filename: str) -> str:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {
                "/".join(parts).lower() for parts in ole.listdir(streams=True, storages=True)
            }
            if "encryptioninfo" in streams or "encryptedpackage" in streams:
                raise _encrypted_error(filename)
            if any(name.startswith(("_vba_project_cur", "vba")) for name in streams):
                raise _macro_error(filename)
            if "workbook" not in streams and "book" not in streams:
                return "ole"
    except OSError as exc:
        raise _corrupt_error(filename) from exc
    if _xls_is_encrypted(path):
        raise _encrypted_error(filename)
    return "xls"


def _xls_is_encrypted(path: Path) -> bool:
    import msoffcrypto

    with path.open("rb") as handle:
        try:
            return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
        except Exception:  # msoffcrypto raises bare exceptions on files it does not know
            return False


def _text_kind(head: bytes) -> str:
    """'csv' for text, else a short name of what the bytes are (used in messages)."""
    lowered = head.lstrip().lower()
    if any(lowered.startswith(s) for s in HTML_STARTS):
        return "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    for signature, name in SIGNATURES.items():
        if head.startswith(signature):
            return name
    if head.startswith(UTF16_BOMS) or b"\x00" not in head:
        return "csv"
    return "binary"
