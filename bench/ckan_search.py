"""CKAN Action API benchmark: `package_search` over a large synthetic catalog.

    python bench/ckan_search.py            # 100,000 datasets, SQLite and PostgreSQL
    python bench/ckan_search.py --small    # 5,000 datasets (what `make bench` runs)
    python bench/ckan_search.py --db sqlite

The catalog is the one of `bench/search.py` (synthetic, seeded, labelled "data sintetis"; built
in a throw-away SATUDATA_DATA_DIR, on PostgreSQL in the database `satudata_bench_ckan`, dropped
afterwards). gunicorn serves it (2 workers × 4 threads) and 8 client threads call
`/api/3/action/package_search` with a fixed mix of CKAN queries: free text, `fq` on
organization, tags, res_format, groups and metadata_modified ranges, `facet.field`, sorts and
pages (`start`/`rows`, some not a multiple of the page size). First a pass over every distinct
query (each process's cache cold), then the measured requests. It reports p50/p95 latency and
requests/s. Full mode writes bench/results/ckan_search.json and the "CKAN package_search"
section of docs/benchmarks.md; --small only prints its summary (add --record to write them).
"""

from __future__ import annotations

import argparse
import json
import random
from typing import Any
from urllib.parse import urlencode

import search as catalog
from _common import RESULTS, machine, write_section

PG_NAME = "satudata_bench_ckan"
GOAL_P95_MS = 100
FACETS = '["organization", "groups", "tags", "res_format", "prioritas_tahun"]'
QUERIES: list[dict[str, str]] = [
    {"q": "penduduk"},
    {"q": "kesehatan", "facet.field": FACETS},
    {"q": "jumlah penduduk", "rows": "20"},
    {"q": "pendudk"},
    {"q": "sekolah", "fq": "organization:opd-1"},
    {"fq": "organization:opd-3", "facet.field": FACETS},
    {"fq": 'tags:"puskesmas"'},
    {"fq": "tags:(sampah OR banjir)", "facet.field": FACETS},
    {"fq": "res_format:PDF"},
    {"fq": "groups:kesehatan", "sort": "metadata_modified desc"},
    {"fq": "metadata_modified:[NOW-30DAYS TO *]"},
    {"q": "anggaran", "fq": "+organization:opd-21 +res_format:CSV"},
    {"sort": "title_string asc", "rows": "50"},
    {"sort": "views_recent desc", "facet.field": FACETS},
    {"start": "1000", "rows": "20"},
    {"start": "35", "rows": "20"},
    {"q": "*:*", "fq": "prioritas_tahun:2024", "facet.field": FACETS},
    {"rows": "50", "fq": "organization:opd-5"},
    {"q": "stunting balita", "facet.field": FACETS},
    {"facet.field": FACETS, "facet.limit": "-1", "rows": "0"},
]


def run_database(db: str, size: int, requests: int) -> dict[str, Any]:
    with catalog.served(db, catalog.__file__, size, PG_NAME) as (base, built):
        paths = [f"/api/3/action/package_search?{urlencode(q)}" for q in QUERIES]
        first = catalog.measure(base, paths * catalog.WORKERS, catalog.CONCURRENCY)
        rng = random.Random(catalog.SEED)
        mixed = [rng.choice(paths) for _ in range(requests)]
        measured = catalog.measure(base, mixed, catalog.CONCURRENCY)
        harvest = [
            f"/api/3/action/package_search?sort=id+asc&rows=1000&start={start}"
            for start in range(0, min(size, 20_000), 1000)
        ]
        harvest_pages = catalog.measure(base, harvest, 2)
        return {
            "datasets": size,
            "catalog_build_s": built["catalog_s"],
            "reindex_s": built["reindex_s"],
            "first_pass": first,
            "package_search": measured,
            "harvest_pages": harvest_pages,
        }


def report(results: dict[str, Any]) -> str:
    lines = [
        f"{results['datasets']:,} synthetic datasets; gunicorn {catalog.WORKERS} workers × "
        f"{catalog.THREADS} threads; {catalog.CONCURRENCY} concurrent keep-alive clients "
        f"(`http.client` threads) on the same "
        f"machine ({results['machine']['cpu_count']} CPUs); a mix of {len(QUERIES)} CKAN "
        f"queries (q, fq, facet.field, sort, start/rows up to 50); then a harvester paging "
        f"through the catalog 1,000 at a time. "
        f"Command: `{results['command']}`.",
        "",
        "| database | what | p50 ms | p95 ms | server p50 ms | server p95 ms | requests/s "
        "| errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for db, r in results["databases"].items():
        for key, label in [
            ("first_pass", "package_search, first request of each query"),
            ("package_search", "package_search (query mix)"),
            ("harvest_pages", "harvest: rows=1000 pages, sort=id asc, 2 clients"),
        ]:
            m = r[key]
            lines.append(
                f"| {db} | {label} | {m['p50_ms']} | {m['p95_ms']} | {m['server_p50_ms']} "
                f"| {m['server_p95_ms']} | {m['requests_per_s']} | {m['errors']} |"
            )
    lines.append("")
    for db, r in results["databases"].items():
        met = r["package_search"]["p95_ms"] < GOAL_P95_MS
        lines.append(
            f"- {db}: goal p95 < {GOAL_P95_MS} ms at concurrency {catalog.CONCURRENCY} — "
            f"{'met' if met else 'not met'} ({r['package_search']['p95_ms']} ms)."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="5,000 datasets, fewer requests")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--record", action="store_true", help="write the results and docs section even --small"
    )
    args = parser.parse_args()
    size, requests = (5_000, 400) if args.small else (100_000, 2_000)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results: dict[str, Any] = {
        "datasets": size,
        "command": "python bench/ckan_search.py" + (" --small" if args.small else ""),
        "machine": machine(),
        "databases": {db: run_database(db, size, requests) for db in databases},
    }
    print(report(results))
    if args.record or not args.small:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "ckan_search.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        write_section("CKAN package_search", report(results))


if __name__ == "__main__":
    main()
