"""API schemas of indicators."""

from typing import Any

from ninja import Schema


class IndicatorSummary(Schema):
    slug: str
    nama: str
    satuan: str
    organisasi: str
    organisasi_nama: str
    cara: str
    arah: str
    periode_terakhir: str | None
    nilai_terakhir: float | None
    periode: list[str]
    url: str


class IndicatorPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[IndicatorSummary]


class IndicatorSourceOut(Schema):
    dataset: str
    judul: str
    url: str
    rumus: str
    kolom_wilayah: str
    kolom_periode: str
    versi_terhitung: int | None


class IndicatorTargetOut(Schema):
    periode: str
    nilai: float
    sumber: str


class IndicatorValueOut(Schema):
    periode: str
    tingkat: str
    kode_wilayah: str
    wilayah: str
    nilai: float | None
    target: float | None
    satuan: str
    sumber: str


class IndicatorDetail(IndicatorSummary):
    deskripsi: str
    desimal: int
    tingkat_terdalam: str
    sumber: IndicatorSourceOut | None
    ms_ind: dict[str, Any] | None
    kegiatan: str | None
    target: list[IndicatorTargetOut]
    nilai: list[IndicatorValueOut]
