"""Builders for the code list tests: files in memory, lists and registers."""

import io
from typing import Any

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from satudata.apps.codelists.models import Code, CodeList, CodeListVersion, Register, RegisterEntry


def csv_file(text: str, name: str = "kode.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list[Any]], name: str = "kode.xlsx", start_row: int = 0) -> Any:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Data")
    for r, row in enumerate(rows):
        sheet.write_row(start_row + r, 0, row)
    book.close()
    return SimpleUploadedFile(name, buffer.getvalue())


def make_code_list(slug: str = "uji", codes: dict[str, str] | None = None, **extra: Any) -> Any:
    """A list with one published version holding `codes`."""
    code_list = CodeList.objects.create(slug=slug, name=f"Daftar {slug}", **extra)
    version = CodeListVersion.objects.create(code_list=code_list, number=1)
    for order, (code, label) in enumerate((codes or {"1": "Satu", "2": "Dua"}).items()):
        Code.objects.create(version=version, code=code, label_id=label, order=order)
    version.state = CodeListVersion.State.PUBLISHED
    version.save()
    return code_list


def make_register(owner: Any, level: str = "terbuka", slug: str | None = None, **extra: Any) -> Any:
    slug = slug or f"register-{level}"
    register = Register.objects.create(
        slug=slug,
        name=extra.pop("name", f"Register {level}"),
        identifier_label="NPSN",
        identifier_pattern=r"^\d{8}$",
        owner=owner,
        access_level=level,
        **extra,
    )
    return register


def add_entry(register: Any, identifier: str, name: str, **extra: Any) -> Any:
    return RegisterEntry.objects.create(
        register=register, identifier=identifier, name=name, **extra
    )
