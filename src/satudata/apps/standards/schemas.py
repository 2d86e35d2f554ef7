"""API schemas of the standards app."""

from datetime import datetime

from ninja import Schema


class StandardSummary(Schema):
    slug: str
    title: str
    organisation: str
    topic: str | None
    version: int | None
    state: str | None
    published_at: datetime | None
    url: str
    table_schema: str | None


class StandardPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[StandardSummary]


class StandardFieldOut(Schema):
    name: str
    title: str
    type: str
    description: str
    konsep: str
    definisi: str
    klasifikasi: str
    ukuran: str
    satuan: str
    required: bool
    unique: bool
    minimum: str | None
    maximum: str | None
    pattern: str | None
    enum: list[str] | None
    code_list: str | None
    wilayah_level: str | None


class StandardVersionOut(Schema):
    number: int
    state: str
    published_at: datetime | None
    note: str
    konsep: str
    definisi: str
    klasifikasi: str
    ukuran: str
    satuan: str


class StandardDatasetLink(Schema):
    slug: str
    title: str
    url: str


class StandardDetail(StandardSummary):
    description: str
    current: StandardVersionOut | None
    versions: list[StandardVersionOut]
    fields: list[StandardFieldOut]
    datasets: list[StandardDatasetLink]


class StandardVersionDetail(StandardVersionOut):
    standard: str
    fields: list[StandardFieldOut]
    table_schema: str
