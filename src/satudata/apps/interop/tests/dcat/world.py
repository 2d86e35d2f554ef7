"""Datasets for the interoperability tests: one with every metadata field filled, one with the
optional ones empty, one without versions, and one of each access level."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.catalog.models import Dataset, Tag, Topic
from satudata.apps.registry.models import Wilayah
from satudata.apps.standards.models import DatasetStandard, Standard, StandardVersion
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

MARK = {"terbatas": "Rahasia-Terbatas-3P", "tertutup": "Rahasia-Tertutup-8W", "draft": "Draf-6J"}


@dataclass
class World:
    walidata: Organisation
    opd: Organisation
    full: Dataset
    sparse: Dataset
    restricted: Dataset
    closed: Dataset
    draft: Dataset
    produsen: User
    gov_user: User


def kota_tangerang() -> Wilayah:
    banten, _ = Wilayah.objects.get_or_create(
        kode="36", defaults={"nama": "Banten", "level": Wilayah.Level.PROVINSI}
    )
    kota, _ = Wilayah.objects.get_or_create(
        kode="36.71",
        defaults={
            "nama": "Kota Tangerang",
            "level": Wilayah.Level.KABKOTA,
            "parent": banten,
            "lat": -6.1783,
            "lng": 106.6319,
        },
    )
    return kota


def typed_version(dataset: Dataset) -> Any:
    """A version with integer, number, date, boolean and text columns, nulls included."""
    columns = {
        "kode_wilayah": ["36.71.01", "36.71.02", "36.71.03", None],
        "jumlah": [120, None, 98, 7],
        "rasio": [1.5, 0.25, None, 12.0],
        "tanggal": [dt.date(2024, 1, 31), None, dt.date(2024, 3, 1), dt.date(2024, 4, 30)],
        "aktif": [True, False, None, True],
        "catatan": ["baik", "-1 lewat <b>&</b>", "", None],
    }
    fields = [
        {"name": "kode_wilayah", "title": "Kode Wilayah", "type": "string"},
        {"name": "jumlah", "title": "Jumlah Balita", "type": "integer"},
        {"name": "rasio", "title": "Rasio", "type": "number"},
        {"name": "tanggal", "title": "Tanggal", "type": "date"},
        {"name": "aktif", "title": "Aktif", "type": "boolean"},
        {"name": "catatan", "title": "Catatan", "type": "string"},
    ]
    for field in fields:
        field["role"] = "kode_wilayah" if field["name"] == "kode_wilayah" else None
    return make_version(dataset, columns=columns, fields=fields)


def adopt_standard(dataset: Dataset, pembina: Organisation) -> StandardVersion:
    standard = Standard.objects.create(
        slug="balita-stunting", title="Standar Data Balita Stunting", organisation=pembina
    )
    version = StandardVersion.objects.create(
        standard=standard, number=1, state=StandardVersion.State.PUBLISHED
    )
    DatasetStandard.objects.create(dataset=dataset, standard_version=version)
    return version


def publish(dataset: Dataset, version: Any) -> Dataset:
    dataset.transitions.create(kind="publish", to_state="diterbitkan", version=version)
    dataset.published_version = version
    dataset.state = "diterbitkan"
    dataset.save()
    return dataset


def build() -> World:
    walidata = make_org("walidata", name="Dinas Komunikasi dan Informatika", email="data@k.go.id")
    opd = make_org("opd", name="Dinas Kesehatan", email="dinkes@k.go.id")
    topic = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    full = make_dataset(
        opd,
        published=False,
        title="Jumlah Balita Stunting <per> Kelurahan & Kecamatan",
        description="Balita stunting hasil penimbangan serentak.",
        topic=topic,
        frekuensi="tahunan",
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2024, 12, 31),
        cakupan_wilayah=kota_tangerang(),
        konsep="Stunting",
        satuan="jiwa",
        pengelola_nama="Seksi Data Kesehatan",
        pengelola_email="data.dinkes@k.go.id",
        prioritas_years=[2024],
    )
    publish(full, typed_version(full))
    full.tags.add(Tag.objects.create(name="stunting"), Tag.objects.create(name="balita"))
    adopt_standard(full, make_org("pembina", name="BPS Kota Tangerang"))
    bare = make_org("opd", name="Dinas Tanpa Surel")
    sparse = make_dataset(bare, title="Data tanpa uraian", frekuensi="tidak_tentu")
    restricted = make_dataset(
        opd, access_level="terbatas", title=f"Data {MARK['terbatas']}", konsep=MARK["terbatas"]
    )
    closed = make_dataset(
        opd, access_level="tertutup", title=f"Data {MARK['tertutup']}", konsep=MARK["tertutup"]
    )
    draft = make_dataset(opd, published=False, title=f"Data {MARK['draft']}")
    draft.candidate_version = make_version(draft)
    draft.save()
    return World(
        walidata=walidata,
        opd=opd,
        full=full,
        sparse=sparse,
        restricted=restricted,
        closed=closed,
        draft=draft,
        produsen=make_user(opd, "produsen"),
        gov_user=make_user(make_org("opd"), "produsen"),
    )
