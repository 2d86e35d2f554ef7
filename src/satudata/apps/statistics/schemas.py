"""API schemas of kegiatan statistik."""

from typing import Any

from ninja import Schema


class KegiatanSummary(Schema):
    slug: str
    judul: str
    tahun: int
    cara_pengumpulan: str
    organisation: str
    organisation_name: str
    published: bool
    romantik_status: str | None
    romantik_warning: bool
    gsbpm_percent: int | None
    url: str


class KegiatanPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[KegiatanSummary]


class RomantikOut(Schema):
    status: str
    nomor_rekomendasi: str
    nomor_pengajuan: str
    tanggal_pengajuan: str | None
    catatan: str


class GsbpmOut(Schema):
    done: int
    applicable: int
    percent: int | None
    statuses: dict[str, str]


class LinkedDataset(Schema):
    slug: str
    title: str
    url: str
    variabel: list[str]


class KegiatanDetail(KegiatanSummary):
    ms_keg: dict[str, Any]
    variabel: list[dict[str, Any]]
    indikator: list[dict[str, Any]]
    romantik: RomantikOut | None
    gsbpm: GsbpmOut
    datasets: list[LinkedDataset]
