"""Monitoring dashboard benchmark: the walidata's dashboard and the OPD pages of a city-sized
catalogue with three years of history.

    python bench/monitoring.py            # 43 organisations, 5,061 data elements, 3 years
    python bench/monitoring.py --small    # 43 organisations, 1,000 data elements (make bench)
    python bench/monitoring.py --db sqlite

For each database it builds a throw-away catalogue (a temporary SATUDATA_DATA_DIR; on PostgreSQL
the database `satudata_bench_monitoring`, dropped afterwards), labelled "data sintetis": 40 OPD and
3 BUMD, the data elements spread over them, each with a frequency (two thirds yearly, the rest
monthly, quarterly, six-monthly or irregular) and its workflow history over the last three
years (submit, sometimes a return and a resubmission days later, publish, on time or late), a
Daftar Data per OPD and year with one planned element per data element, the release log rebuilt
from those transitions and every quality score computed. Then gunicorn (2 workers × 4 threads)
serves it and signed-in walidata clients (8, 2, then 1 at a time) request the dashboard for a
mix of periods and sorts, and the OPD pages. Server time is the app's own `Server-Timing`.
There is no peer product for this page: the figure is the issue's absolute goal, p95 < 300 ms.
Full mode writes bench/results/monitoring.json and the "Monitoring dashboard" section of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from typing import Any

import search as catalog
from _common import RESULTS, ROOT, machine, write_section

SEED = 20261207
PG_NAME = "satudata_bench_monitoring"
ORGANISATIONS = 43
GOAL_P95_MS = 300
FREQUENCIES = [
    ("tahunan", 0.65, 365),
    ("tidak_tentu", 0.10, 0),
    ("semesteran", 0.10, 182),
    ("triwulanan", 0.08, 91),
    ("bulanan", 0.07, 30),
]


def build(size: int) -> dict[str, Any]:
    """Runs inside a child process whose environment points at the throw-away database."""
    import django

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satudata.config.settings")
    django.setup()
    from datetime import UTC, date, datetime, timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection

    from satudata.apps.accounts.models import Organisation, RoleGrant, User
    from satudata.apps.catalog.models import Dataset, Transition
    from satudata.apps.monitoring.actions import do_refresh_quality
    from satudata.apps.monitoring.models import DaftarData, PlannedElement
    from satudata.apps.monitoring.releases import do_rebuild_releases

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    started = time.perf_counter()
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"{'BUMD' if n >= 40 else 'Dinas'} Sintetis {n + 1:02d}",
            slug=f"opd-{n + 1:02d}",
            kind="bumd" if n >= 40 else "opd",
        )
        for n in range(ORGANISATIONS)
    )
    walidata_org = Organisation.objects.create(
        name="Diskominfo", slug="diskominfo", kind="walidata"
    )
    walidata = User.objects.create_user("walidata", organisation=walidata_org)
    RoleGrant.objects.create(user=walidata, role="walidata")
    names = [f for f, _share, _days in FREQUENCIES]
    weights = [share for _f, share, _days in FREQUENCIES]
    days_of = {f: days for f, _share, days in FREQUENCIES}
    datasets = Dataset.objects.bulk_create(
        Dataset(
            organisation=orgs[i % ORGANISATIONS],
            title=f"Elemen data sintetis {i + 1}",
            slug=f"elemen-{i + 1}",
            frekuensi=rng.choices(names, weights)[0],
            access_level=rng.choice(["terbuka"] * 8 + ["terbatas", "tertutup"]),
            state="diterbitkan",
            description="Data sintetis untuk uji kinerja pemantauan.",
        )
        for i in range(size)
    )
    now = datetime.now(UTC)
    start = now - timedelta(days=3 * 365)
    field = Transition._meta.get_field("at")
    field.auto_now_add = False
    steps: list[Transition] = []
    last: dict[int, datetime] = {}
    for dataset in datasets:
        every = days_of[dataset.frekuensi] or 3 * 365
        moment = start + timedelta(days=rng.randint(0, 60))
        while moment < now:
            steps.append(Transition(dataset=dataset, kind="submit", to_state="diajukan", at=moment))
            if rng.random() < 0.15:
                back = moment + timedelta(days=1)
                fixed = back + timedelta(days=rng.randint(1, 14))
                steps.append(
                    Transition(dataset=dataset, kind="return", to_state="dikembalikan", at=back)
                )
                steps.append(
                    Transition(dataset=dataset, kind="submit", to_state="diajukan", at=fixed)
                )
                moment = fixed
            moment += timedelta(days=2)
            steps.append(
                Transition(dataset=dataset, kind="publish", to_state="diterbitkan", at=moment)
            )
            last[dataset.pk] = moment
            moment += timedelta(days=every + rng.choice([-10, -5, 0, 3, 20, 45]))
    Transition.objects.bulk_create(steps, batch_size=5000)
    field.auto_now_add = True
    for dataset in datasets:
        dataset.data_updated_at = last.get(dataset.pk)
    Dataset.objects.bulk_update(datasets, ["data_updated_at"], batch_size=2000)
    lists = DaftarData.objects.bulk_create(
        DaftarData(organisation=org, year=year, state="disetujui")
        for org in orgs
        for year in range(now.year - 2, now.year + 1)
    )
    by_org: dict[int, list[DaftarData]] = {}
    for daftar in lists:
        by_org.setdefault(daftar.organisation_id, []).append(daftar)
    PlannedElement.objects.bulk_create(
        (
            PlannedElement(
                daftar=daftar,
                name=dataset.title,
                dataset=dataset,
                frekuensi=dataset.frekuensi,
                due_date=date(daftar.year, 3, 31),
            )
            for dataset in datasets
            for daftar in by_org[dataset.organisation_id]
        ),
        batch_size=5000,
    )
    catalogue_s = time.perf_counter() - started
    started = time.perf_counter()
    for begin in range(0, len(datasets), 1000):
        do_rebuild_releases(datasets[begin : begin + 1000])
    do_refresh_quality()
    derived_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    session = SessionStore()
    session["_auth_user_id"] = str(walidata.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = walidata.get_session_auth_hash()
    session.create()
    return {
        "catalogue_s": round(catalogue_s, 1),
        "derived_s": round(derived_s, 1),
        "transitions": len(steps),
        "session": session.session_key,
        "organisations": [org.slug for org in orgs],
        "year": now.year,
    }


def dashboard_paths(year: int, rng: random.Random, count: int) -> list[str]:
    periods = [
        "",
        f"?start={year - 2}-01-01&end={year}-12-31",
        f"?start={year - 1}-01-01&end={year - 1}-12-31",
        f"?start={year - 2}-01-01&end={year - 2}-12-31",
        f"?start={year}-01-01&end={year}-06-30",
    ]
    sorts = ["", "sort=quality", "sort=-on_time", "sort=name", "sort=published"]
    paths = []
    for _ in range(count):
        period, sort = rng.choice(periods), rng.choice(sorts)
        query = period + (("&" if period else "?") + sort if sort else "")
        paths.append(f"/kerja/pantau/kinerja/{query}")
    return paths


def run_database(db: str, size: int, requests: int) -> dict[str, Any]:
    with catalog.served(db, __file__, size, PG_NAME) as (base, built):
        headers = {"Cookie": f"sessionid={built['session']}", "Accept-Language": "id"}
        rng = random.Random(SEED)
        boards = dashboard_paths(built["year"], rng, requests)
        pages = [f"/kerja/pantau/opd/{rng.choice(built['organisations'])}/" for _ in boards]
        catalog.measure(base, boards[: catalog.CONCURRENCY * 2], catalog.CONCURRENCY, headers)
        board = catalog.measure(base, boards, catalog.CONCURRENCY, headers)
        board_two = catalog.measure(base, boards[: requests // 2], 2, headers)
        board_alone = catalog.measure(base, boards[: requests // 4], 1, headers)
        page = catalog.measure(base, pages, catalog.CONCURRENCY, headers)
        page_alone = catalog.measure(base, pages[: requests // 4], 1, headers)
        return {
            "organisations": ORGANISATIONS,
            "data_elements": size,
            "transitions": built["transitions"],
            "catalogue_build_s": built["catalogue_s"],
            "release_log_and_scores_s": built["derived_s"],
            "dashboard": board,
            "dashboard_two": board_two,
            "dashboard_alone": board_alone,
            "organisation_page": page,
            "organisation_page_alone": page_alone,
        }


ROWS = (
    ("dashboard", "dashboard, 8 clients"),
    ("dashboard_two", "dashboard, 2 clients"),
    ("dashboard_alone", "dashboard, one client"),
    ("organisation_page", "OPD page, 8 clients"),
    ("organisation_page_alone", "OPD page, one client"),
)


def report(results: dict[str, Any]) -> str:
    any_db = next(iter(results["databases"].values()))
    lines = [
        f"{ORGANISATIONS} organisations, {any_db['data_elements']:,} synthetic data elements, "
        f"{any_db['transitions']:,} workflow steps over three years, a Daftar Data per OPD and "
        f"year; gunicorn {catalog.WORKERS} workers × {catalog.THREADS} threads, signed in as the "
        "walidata, a mix of periods and sorts; 2 CPUs shared by server and clients. Server time "
        f"is the app's own `Server-Timing`. Command: `{results['command']}`.",
        "",
        "| database | what | p50 ms | p95 ms | server p50 ms | server p95 ms | requests/s "
        "| errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for db, figures in results["databases"].items():
        for key, label in ROWS:
            m = figures[key]
            lines.append(
                f"| {db} | {label} | {m['p50_ms']} | {m['p95_ms']} | {m['server_p50_ms']} | "
                f"{m['server_p95_ms']} | {m['requests_per_s']} | {m['errors']} |"
            )
    lines.append("")
    for db, figures in results["databases"].items():
        verdicts = []
        for key, label in (
            ("dashboard_alone", "one client"),
            ("dashboard_two", "2 clients"),
            ("dashboard", "8 clients"),
        ):
            p95 = figures[key]["server_p95_ms"]
            verdicts.append(f"{label} {p95} ms ({'met' if p95 < GOAL_P95_MS else 'NOT met'})")
        lines.append(
            f"- {db}: dashboard server time p95 against the goal < {GOAL_P95_MS} ms: "
            f"{'; '.join(verdicts)}. Building the release log and all quality scores took "
            f"{figures['release_log_and_scores_s']} s."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="1,000 data elements")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build(args.build)))
        return
    size, requests = (1_000, 100) if args.small else (5_061, 400)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results: dict[str, Any] = {
        "command": "python bench/monitoring.py" + (" --small" if args.small else ""),
        "machine": machine(),
        "goal_server_p95_ms": GOAL_P95_MS,
        "databases": {db: run_database(db, size, requests) for db in databases},
    }
    print(report(results))
    if not args.small:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "monitoring.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        write_section("Monitoring dashboard", report(results))


if __name__ == "__main__":
    main()
