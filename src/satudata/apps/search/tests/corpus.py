"""A small fixed catalog for search tests: titles, descriptions, tags, columns and standar data
of every kind, at every access level, with known use counts."""

from datetime import date
from typing import Any

from satudata.apps.catalog.models import Topic
from satudata.apps.search.actions import do_reindex_all
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

ENTRIES: list[dict[str, Any]] = [
    {
        "key": "penduduk",
        "org": "dukcapil",
        "title": "Jumlah Penduduk Menurut Kecamatan",
        "description": "Data kependudukan hasil registrasi",
        "tags": ["demografi"],
        "columns": ["kode_wilayah", "jumlah_penduduk"],
        "topic": "kependudukan",
        "level_penyajian": "kecamatan",
        "period_start": date(2022, 1, 1),
        "period_end": date(2023, 12, 31),
    },
    {
        "key": "kepadatan",
        "org": "dukcapil",
        "title": "Kepadatan Penduduk per Kelurahan",
        "level_penyajian": "kelurahan",
        "period_start": date(2023, 1, 1),
        "use_count": 5,
    },
    {
        "key": "faskes",
        "org": "dinkes",
        "title": "Fasilitas Kesehatan",
        "description": "Puskesmas dan rumah sakit",
        "tags": ["puskesmas"],
        "topic": "kesehatan",
        "prioritas_years": [2024],
        "use_count": 10,
    },
    {
        "key": "sekolah",
        "org": "disdik",
        "title": "Angka Partisipasi Sekolah",
        "description": "Pendidikan dasar",
        "konsep": "Partisipasi penduduk usia sekolah",
        "satuan": "persen",
    },
    {
        "key": "bansos",
        "org": "dinsos",
        "title": "Penerima Bantuan Sosial",
        "description": "Keluarga miskin dan penduduk rentan",
        "access_level": "terbatas",
    },
    {
        "key": "stunting",
        "org": "dinkes",
        "title": "Data Stunting Balita",
        "description": "Kesehatan anak dan penduduk balita",
        "access_level": "tertutup",
    },
    {
        "key": "nakes",
        "org": "dinkes",
        "title": "Tenaga Kesehatan",
        "description": "Dokter, bidan dan perawat",
        "columns": ["kode_wilayah", "jumlah_dokter"],
    },
]


def build_corpus() -> dict[str, Any]:
    orgs = {
        name: make_org("opd", name=f"Dinas {name}")
        for name in ("dukcapil", "dinkes", "disdik", "dinsos")
    }
    topics = {
        slug: Topic.objects.create(name=slug.title(), slug=slug)
        for slug in ("kependudukan", "kesehatan")
    }
    datasets = {}
    for entry in ENTRIES:
        extra = {
            k: v
            for k, v in entry.items()
            if k not in {"key", "org", "title", "tags", "columns", "topic", "access_level"}
        }
        dataset = make_dataset(
            orgs[entry["org"]],
            title=entry["title"],
            access_level=entry.get("access_level", "terbuka"),
            topic=topics.get(entry.get("topic", "")),
            **extra,
        )
        for tag in entry.get("tags", []):
            dataset.tags.create(name=tag)
        if "columns" in entry:
            version = make_version(dataset, columns={c: ["x"] for c in entry["columns"]})
            dataset.published_version = version
            dataset.save()
        datasets[entry["key"]] = dataset
    do_reindex_all()
    people = {
        "partner": make_user(make_org("partner")),
        "walidata": make_user(make_org("walidata"), "walidata"),
        "dinkes": make_user(orgs["dinkes"], "produsen"),
        "disdik": make_user(orgs["disdik"], "produsen"),
    }
    return {"orgs": orgs, "topics": topics, "datasets": datasets, "people": people}
