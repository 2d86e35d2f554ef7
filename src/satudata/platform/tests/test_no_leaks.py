"""Walks every URL route of the project as anonymous, a produsen of another OPD, a partner, the
pembina, the owner and the walidata, with terbatas and tertutup objects in the database (a
standard proposed from a tertutup dataset, indicators computed from terbatas and tertutup data),
and proves that no
response — page, JSON, download, count or error text — reveals what the viewer may not see."""

import itertools
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from satudata.apps.bigdata import actions as bigdata
from satudata.apps.catalog.models import Upload
from satudata.apps.indicators import actions as indicators
from satudata.apps.standards import actions as standards
from satudata.platform.testing.factories import (
    make_dataset,
    make_org,
    make_user,
    make_version,
)

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("admin/", "i18n/", "static/")
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
MARK = {
    "terbatas": "Rahasia-Terbatas-7Q",
    "tertutup": "Rahasia-Tertutup-9Z",
    "draft": "Rahasia-Draf-4K",
    "prioritas": "Rahasia-Prioritas-3P",
    "workflow": "Rahasia-Unggahan-8W",
    "bigdata": "Rahasia-Aduan-5B",
}
ALLOWED = {
    "anonymous": set(),
    "other": {"terbatas"},
    "partner": {"terbatas"},
    "pembina": {"terbatas", "prioritas"},
    "owner": {"terbatas", "tertutup", "draft", "prioritas", "workflow"},
    "walidata": {"terbatas", "tertutup", "draft", "prioritas", "workflow", "bigdata"},
}


def routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def secret_dataset(org, level: str, marker: str, published: bool = True, **extra):
    dataset = make_dataset(
        org,
        access_level=level,
        published=False,
        title=f"Data {marker}",
        description=f"Uraian {marker}",
        konsep=marker,
        **extra,
    )
    version = make_version(
        dataset,
        columns={"kode_wilayah": ["36.71.01"], "keterangan": [marker]},
        fields=[
            {"name": "kode_wilayah", "title": "Kode", "type": "string", "role": "kode_wilayah"},
            {"name": "keterangan", "title": f"Kolom {marker}", "type": "string", "role": None},
        ],
    )
    if published:
        dataset.transitions.create(kind="publish", to_state="diterbitkan", version=version)
        dataset.published_version = version
        dataset.state = "diterbitkan"
    else:
        dataset.candidate_version = version
    dataset.save()
    dataset.attachments.create(
        kind="link", title=f"Lampiran {marker}", url="https://x.id", access_level=level
    )
    return dataset


@pytest.fixture
def world(tmp_path):
    owner_org = make_org("opd")
    users = {
        "owner": make_user(owner_org, "produsen"),
        "other": make_user(make_org("opd"), "produsen"),
        "partner": make_user(make_org("partner")),
        "walidata": make_user(make_org("walidata"), "walidata"),
        "pembina": make_user(make_org("pembina"), "pembina"),
    }
    restricted = secret_dataset(owner_org, "terbatas", MARK["terbatas"])
    closed = secret_dataset(owner_org, "tertutup", MARK["tertutup"])
    draft = secret_dataset(owner_org, "terbuka", MARK["draft"], published=False)
    public = make_dataset(owner_org, title="Data terbuka biasa")
    public.attachments.create(
        kind="link",
        title=f"Lampiran {MARK['tertutup']}",
        url="https://y.id",
        access_level="tertutup",
    )
    upload = Upload.objects.create(
        dataset=closed,
        uploaded_by=users["owner"],
        source_path="x",
        status="invalid",
        source_name=f"{MARK['tertutup']}.csv",
    )
    prioritas = secret_dataset(
        owner_org,
        "tertutup",
        MARK["prioritas"],
        published=False,
        state="menunggu_pembina",
        prioritas_years=[2026],
    )
    prioritas.attachments.create(
        kind="link",
        title=f"Lampiran {MARK['workflow']}",
        url="https://z.id",
        access_level="tertutup",
    )
    prioritas_upload = Upload.objects.create(
        dataset=prioritas,
        uploaded_by=users["owner"],
        source_path="x",
        status="invalid",
        source_name=f"{MARK['workflow']}.csv",
    )
    standards.check_propose_from_dataset(
        user=users["walidata"], dataset=closed, slug="usulan-rahasia", title="Usulan"
    )
    series = [
        indicators.check_save_indicator(
            user=users["owner"],
            definition=indicators.Definition(
                name=f"Indikator {MARK[level]}",
                unit="data",
                method="dihitung",
                dataset=dataset,
                formula="count()",
                wilayah_column="kode_wilayah",
                deepest_level="kecamatan",
                published=True,
            ),
            organisation=owner_org,
        ).slug
        for level, dataset in (("terbatas", restricted), ("tertutup", closed))
    ]
    complaints = bigdata.check_save_source(
        user=users["walidata"], name="Aduan", channel="aduan", mapping={"text": "isi"}
    )
    export = tmp_path / "aduan.csv"
    export.write_text(f"isi\nJalan rusak di Periuk {MARK['bigdata']}\n", encoding="utf-8")
    run = bigdata.check_start_run(
        user=users["walidata"], source=complaints, file=export, original_name="aduan.csv"
    )
    bigdata.do_process_run(run)
    datasets = [restricted, closed, draft, public, prioritas]
    values = {
        "slug": [d.slug for d in datasets]
        + series
        + [owner_org.slug, "usulan-rahasia", "tidak-ada"],
        "int": [1, 2],
        "id": sorted(
            {a.pk for d in datasets for a in d.attachments.all()} | {upload.pk, prioritas_upload.pk}
        ),
        "fmt": ["csv", "xlsx", "json", "parquet"],
    }
    return users, values


def candidates(name: str, conv: str | None, values: dict) -> list:
    if conv == "slug" or name in {"slug", "dataset", "organisation", "org", "topic"}:
        return values["slug"]
    if name in {"fmt", "format", "ext"}:
        return values["fmt"]
    if name in {"number", "n", "version"}:
        return values["int"]
    if conv == "int" or name.endswith("id") or name == "pk":
        return values["id"]
    if conv == "uuid":
        return ["00000000-0000-0000-0000-000000000000"]
    return ["x"]


def expand(route: str, values: dict) -> list[str]:
    params = list(PARAM.finditer(route))
    if not params:
        return ["/" + route]
    choices = [candidates(m["name"], m["conv"], values) for m in params]
    urls = []
    for combo in itertools.islice(itertools.product(*choices), 400):
        url = route
        for match, value in zip(params, combo, strict=True):
            url = url.replace(match.group(0), str(value), 1)
        urls.append("/" + url)
    return urls


def body(response) -> str:
    if getattr(response, "streaming", False):
        data = b"".join(itertools.islice(response.streaming_content, 200))
    else:
        data = response.content
    return data.decode("utf-8", errors="ignore")


def test_no_route_leaks_restricted_or_closed_content(world):
    users, values = world
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    all_routes = [r for r in routes(get_resolver().url_patterns) if not r.startswith(SKIP_PREFIXES)]
    assert len(all_routes) > 20
    failures = []
    checked = 0
    for route in all_routes:
        for url in expand(route, values):
            for role, client in clients.items():
                response = client.get(url)
                checked += 1
                if response.status_code >= 500:
                    failures.append(f"{role} {url}: HTTP {response.status_code}")
                    continue
                text = body(response)
                for level, marker in MARK.items():
                    if level not in ALLOWED[role] and marker in text:
                        failures.append(f"{role} {url}: shows {level} content")
    assert checked > 500
    assert not failures, "\n".join(failures[:40])
