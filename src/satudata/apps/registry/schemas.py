from datetime import date

from ninja import Schema


class WilayahOut(Schema):
    kode: str
    nama: str
    level: str
    jenis: str
    parent: str | None
    lat: float | None
    lng: float | None
    current: bool
    valid_until: date | None
    replaced_by: str | None
    child_count: int | None
    url: str


class WilayahPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[WilayahOut]


class SuggestionOut(Schema):
    kode: str
    nama: str
    level: str
    parent: str | None
    score: float
    current: bool


class SuggestionPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[SuggestionOut]


class ChangeOut(Schema):
    kind: str
    old_kode: str | None
    new_kode: str | None
    old_nama: str
    new_nama: str
    decree: str
    date: date
    note: str
