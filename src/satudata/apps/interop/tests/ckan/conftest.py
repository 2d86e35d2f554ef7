"""A small catalog for the CKAN API tests: open, terbatas, tertutup and draft datasets of two
OPDs, with tags, topics, attachments and a data table, indexed for search; people of every
role with API tokens."""

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from satudata.apps.accounts.tokens import create_token
from satudata.apps.catalog.models import State, Topic, Transition
from satudata.apps.search.actions import do_reindex_all
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

SECRET = {"terbatas": "Rahasia-Terbatas-7Q", "tertutup": "Rahasia-Tertutup-9Z", "draft": "Draf-4K"}
TABLE = {
    "kode_wilayah": ["36.71.01", "36.71.02", "36.71.03", "36.71.01"],
    "kecamatan": ["Tangerang", "Jatiuwung", "Batuceper", "Tangerang"],
    "tahun": [2023, 2023, 2023, 2024],
    "jumlah": [120, 98, 77, 130],
}
FIELDS = [
    {"name": "kode_wilayah", "title": "Kode wilayah", "type": "string", "role": "kode_wilayah"},
    {"name": "kecamatan", "title": "Kecamatan", "type": "string", "role": None},
    {"name": "tahun", "title": "Tahun", "type": "integer", "role": None},
    {"name": "jumlah", "title": "Jumlah penduduk", "type": "integer", "role": None},
]


def publish(dataset: Any, columns: dict[str, list[Any]], fields: list[dict[str, Any]]) -> None:
    version = make_version(dataset, columns=columns, fields=fields)
    Transition.objects.create(
        dataset=dataset, kind=Transition.Kind.PUBLISH, to_state=State.DITERBITKAN, version=version
    )
    dataset.published_version = version
    dataset.save()


def secret(org: Any, level: str, marker: str, published: bool = True) -> Any:
    dataset = make_dataset(
        org,
        access_level=level,
        published=published,
        title=f"Data {marker}",
        description=f"Uraian {marker} penduduk",
    )
    dataset.tags.create(name=f"tag-{marker.lower()}")
    if published:
        publish(
            dataset,
            {"keterangan": [marker]},
            [{"name": "keterangan", "title": f"Kolom {marker}", "type": "string", "role": None}],
        )
    dataset.attachments.create(
        kind="link", title=f"Lampiran {marker}", url="https://x.id/a.pdf", access_level=level
    )
    return dataset


@pytest.fixture
def world() -> dict[str, Any]:
    dukcapil = make_org("opd", name="Dinas Kependudukan", kode_wilayah="36.71")
    dinkes = make_org("opd", name="Dinas Kesehatan")
    topic = Topic.objects.create(name="Kependudukan", slug="kependudukan")
    penduduk = make_dataset(
        dukcapil,
        title="Jumlah Penduduk Menurut Kecamatan",
        description="Data penduduk hasil registrasi",
        topic=topic,
        level_penyajian="kecamatan",
        prioritas_years=[2024],
        konsep="Penduduk adalah setiap orang yang berdomisili",
        satuan="jiwa",
        period_start=date(2023, 1, 1),
        period_end=date(2024, 12, 31),
        pengelola_nama="Budi",
        pengelola_email="budi@example.go.id",
    )
    penduduk.tags.create(name="demografi")
    publish(penduduk, TABLE, FIELDS)
    penduduk.attachments.create(
        kind="document",
        title="Metadata kegiatan",
        file_name="ms-keg.pdf",
        file_path="attachments/ms-keg.pdf",
        media_type="application/pdf",
        size=1234,
    )
    puskesmas = make_dataset(dinkes, title="Daftar Puskesmas", description="Fasilitas kesehatan")
    puskesmas.tags.create(name="kesehatan")
    puskesmas.attachments.create(
        kind="link",
        title=f"Lampiran {SECRET['tertutup']}",
        url="https://x.id/b.pdf",
        access_level="tertutup",
    )
    lahir = make_dataset(dukcapil, title="Jumlah Kelahiran", description="Kelahiran penduduk")
    lahir.tags.add(penduduk.tags.get())
    datasets = {
        "penduduk": penduduk,
        "puskesmas": puskesmas,
        "lahir": lahir,
        "terbatas": secret(dinkes, "terbatas", SECRET["terbatas"]),
        "tertutup": secret(dinkes, "tertutup", SECRET["tertutup"]),
        "draft": secret(dinkes, "terbuka", SECRET["draft"], published=False),
    }
    do_reindex_all()
    people = {
        "owner": make_user(dinkes, "produsen"),
        "other": make_user(dukcapil, "produsen"),
        "partner": make_user(make_org("partner")),
        "walidata": make_user(make_org("walidata"), "walidata"),
    }
    tokens = {role: create_token(user, "uji")[1] for role, user in people.items()}
    return {
        "orgs": {"dukcapil": dukcapil, "dinkes": dinkes},
        "topic": topic,
        "datasets": datasets,
        "people": people,
        "tokens": tokens,
    }


def call(action: str, token: str | None = None, method: str = "get", **params: Any) -> Any:
    """One action through Django's test client; lists and objects travel as JSON."""
    headers = {"Authorization": token} if token else {}
    client = Client(headers={"accept-language": "en", **headers})
    if method == "post":
        return client.post(
            f"/api/3/action/{action}", json.dumps(params), content_type="application/json"
        )
    encoded = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
    return client.get(f"/api/3/action/{action}", encoded)


def result(response: Any) -> Any:
    body = response.json()
    assert response.status_code == 200, body
    assert body["success"] is True
    return body["result"]
