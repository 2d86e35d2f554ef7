"""API schemas of code lists and data induk registers."""

from datetime import date, datetime
from typing import Any

from ninja import Schema


class CodeListSummary(Schema):
    slug: str
    name: str
    description: str
    owner: str
    source: str
    version: int | None
    code_count: int
    url: str


class CodeListPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[CodeListSummary]


class CodeListVersionOut(Schema):
    number: int
    state: str
    valid_from: date | None
    valid_to: date | None
    note: str
    published_at: datetime | None
    code_count: int | None


class CodeListDetail(CodeListSummary):
    versions: list[CodeListVersionOut]


class CodeListCode(Schema):
    code: str
    label_id: str
    label_en: str
    parent: str
    level: int
    order: int
    valid_from: date | None
    valid_to: date | None
    notes: str


class CodeListCodePage(Schema):
    count: int
    next: str | None
    previous: str | None
    version: int
    results: list[CodeListCode]


class DataIndukRegister(Schema):
    slug: str
    name: str
    description: str
    identifier_label: str
    identifier_pattern: str
    owner: str
    access_level: str
    entry_count: int | None
    url: str


class DataIndukRegisterPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DataIndukRegister]


class DataIndukEntry(Schema):
    identifier: str
    name: str
    kode_wilayah: str
    wilayah: str
    address: str
    active: bool
    valid_from: date | None
    valid_to: date | None
    attributes: dict[str, Any]
    updated_at: datetime


class DataIndukEntryPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DataIndukEntry]
