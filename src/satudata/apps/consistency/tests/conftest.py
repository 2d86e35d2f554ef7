from dataclasses import dataclass
from typing import Any

import pytest

from satudata.apps.accounts.models import User
from satudata.apps.catalog.models import Dataset, State, Transition
from satudata.apps.consistency.actions import Declaration, SideSpec, check_declare_comparison
from satudata.apps.consistency.models import Comparison
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

KECAMATAN = ["36.71.01", "36.71.02", "36.71.03"]
KELURAHAN = ["36.71.01.1001", "36.71.01.1002", "36.71.02.1001", "36.71.03.1001"]


def publish(dataset: Dataset, columns: dict[str, list[Any]]) -> Dataset:
    """Store `columns` as a new version of `dataset` and point the dataset at it."""
    fields = [
        {
            "name": name,
            "title": name.replace("_", " ").title(),
            "type": "integer"
            if isinstance(values[0], int)
            else ("number" if isinstance(values[0], float) else "string"),
            "role": "kode_wilayah" if name == "kode_wilayah" else None,
        }
        for name, values in columns.items()
    ]
    version = make_version(dataset, columns, fields)
    Transition.objects.create(
        dataset=dataset, kind=Transition.Kind.PUBLISH, to_state=State.DITERBITKAN, version=version
    )
    dataset.published_version = version
    dataset.state = State.DITERBITKAN
    dataset.save()
    return dataset


def population(org, title: str, access_level: str = "terbuka") -> Dataset:
    dataset = make_dataset(org, access_level=access_level, published=False, title=title)
    return publish(
        dataset,
        {
            "tahun": [2024] * 6,
            "kode_wilayah": [k for k in KECAMATAN for _sex in "LP"],
            "jenis_kelamin": ["Laki-laki", "Perempuan"] * 3,
            "jumlah": [500, 500, 300, 300, 200, 210],
        },
    )


def sasaran(org, title: str, access_level: str = "terbuka") -> Dataset:
    dataset = make_dataset(org, access_level=access_level, published=False, title=title)
    return publish(
        dataset,
        {
            "tahun": [2024] * 4,
            "kode_wilayah": KELURAHAN,
            "penduduk": [400, 600, 660, 410],
            "catatan": ["a", "b", "c", "d"],
        },
    )


def declaration(first: Dataset, second: Dataset, **extra: Any) -> Declaration:
    values: dict[str, Any] = {
        "variable": "Jumlah penduduk",
        "a": SideSpec(first, value="jumlah", wilayah="kode_wilayah", period="tahun"),
        "b": SideSpec(second, value="penduduk", wilayah="kode_wilayah", period="tahun"),
        "tolerance_percent": 5.0,
        "wilayah_level": "kecamatan",
        **extra,
    }
    return Declaration(**values)


@dataclass
class World:
    walidata: User
    dukcapil_user: User
    dinkes_user: User
    other_user: User
    partner: User
    admin: User
    open_a: Dataset
    open_b: Dataset
    closed_b: Dataset
    restricted_a: Dataset
    restricted_b: Dataset
    open_pair: Comparison
    closed_pair: Comparison
    restricted_pair: Comparison


@pytest.fixture
def world(django_capture_on_commit_callbacks) -> World:
    dukcapil, dinkes = make_org("opd", "Disdukcapil Uji"), make_org("opd", "Dinkes Uji")
    walidata = make_user(make_org("walidata"), "walidata")
    open_a = population(dukcapil, "Penduduk per Kecamatan")
    open_b = sasaran(dinkes, "Sasaran Penduduk Dinkes")
    closed_b = sasaran(dinkes, "Sasaran Rahasia Tertutup", "tertutup")
    restricted_a = population(dukcapil, "Penduduk Terbatas", "terbatas")
    restricted_b = sasaran(dinkes, "Sasaran Terbatas", "terbatas")
    with django_capture_on_commit_callbacks(execute=True):
        open_pair = check_declare_comparison(walidata, declaration(open_a, open_b))
        closed_pair = check_declare_comparison(
            walidata, declaration(open_a, closed_b, variable="Penduduk vs tertutup")
        )
        restricted_pair = check_declare_comparison(
            walidata, declaration(restricted_a, restricted_b, variable="Penduduk terbatas")
        )
    for comparison in (open_pair, closed_pair, restricted_pair):
        comparison.refresh_from_db()
    return World(
        walidata=walidata,
        dukcapil_user=make_user(dukcapil, "produsen"),
        dinkes_user=make_user(dinkes, "produsen"),
        other_user=make_user(make_org("opd"), "produsen"),
        partner=make_user(make_org("partner")),
        admin=make_user(None, "admin"),
        open_a=open_a,
        open_b=open_b,
        closed_b=closed_b,
        restricted_a=restricted_a,
        restricted_b=restricted_b,
        open_pair=open_pair,
        closed_pair=closed_pair,
        restricted_pair=restricted_pair,
    )
