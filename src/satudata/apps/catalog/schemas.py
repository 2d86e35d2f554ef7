from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from satudata.platform.api import NO_CONTROL


class FieldOut(Schema):
    name: str
    title: str | None = None
    type: str
    role: str | None = None


class VersionOut(Schema):
    number: int
    rows: int
    checksum: str
    created_at: datetime
    source_name: str
    fields: list[FieldOut]


class DatasetOut(Schema):
    slug: str
    title: str
    description: str
    organisation: str
    topic: str | None
    tags: list[str]
    access_level: str
    licence: str
    frekuensi: str
    period_start: date | None
    period_end: date | None
    cakupan_wilayah: str | None
    level_penyajian: str
    konsep: str
    definisi: str
    klasifikasi: str
    ukuran: str
    satuan: str
    kode_referensi: str
    jenis_statistik: str
    prioritas_years: list[int]
    pengelola_nama: str
    pengelola_email: str
    rujukan: str
    state: str
    published_version: int | None
    created_at: datetime
    updated_at: datetime
    data_updated_at: datetime | None
    next_update_due: date | None
    url: str


class DatasetPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DatasetOut]


class ProblemOut(Schema):
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    rule: str
    severity: str
    message: str
    hint: str = ""


class UploadOut(Schema):
    id: int
    status: str
    source_name: str
    sheet: str
    rows: int | None
    error_count: int
    warning_count: int
    problems: list[ProblemOut]
    error: ProblemOut | None
    job_progress: float | None
    version: int | None


class SubmitIn(Schema):
    note: str = Field("", max_length=2000, pattern=NO_CONTROL)


class StateOut(Schema):
    slug: str
    state: str
    detail: dict[str, Any] = {}


class TopicSummary(Schema):
    slug: str
    name: str
    dataset_count: int
    url: str


class TopicPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[TopicSummary]


class OrganisationCount(Schema):
    slug: str
    name: str
    dataset_count: int


class TopicDetail(TopicSummary):
    description: str
    organisations: list[OrganisationCount]


class VersionDetail(VersionOut):
    dataset: str
    published: bool
    note: str
    source_sheet: str
    downloads: dict[str, str]
