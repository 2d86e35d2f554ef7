"""Catalog search benchmark: search and dataset pages over a large synthetic catalog.

    python bench/search.py            # 100,000 datasets, SQLite and PostgreSQL
    python bench/search.py --small    # 5,000 datasets (what `make bench` runs)
    python bench/search.py --db sqlite

For each database it builds a throw-away catalog (a temporary SATUDATA_DATA_DIR; on PostgreSQL
the database `satudata_bench_search`, dropped afterwards) of synthetic, seeded datasets labelled
"data sintetis": Indonesian titles from OPD, topic and indicator vocabularies, descriptions,
tags, columns, standar data, periods, Data Prioritas years, access levels and use counts. The
catalog is written with bulk inserts and indexed with `do_reindex_all` (timed); on PostgreSQL a
`VACUUM ANALYZE` follows, as after any bulk load, so that autovacuum does not run during the
measurements. Then gunicorn
(`satudata.config.wsgi`, 2 workers × 4 threads) serves it and 8 client threads drive HTTP load:

1. search: a fixed mix of queries (stems, typos, several words, facets, sorts, pages), first a
   pass over every distinct query (each process's cache cold), then the measured requests;
2. the dataset page of random public datasets.

It reports p50/p95 latency and requests/s. Full mode writes bench/results/search.json and the
"Catalog search" section of docs/benchmarks.md; --small only prints its summary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _common import RESULTS, ROOT, machine, write_section

SEED = 20241121
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "satudata_bench_search"
CONCURRENCY, WORKERS, THREADS = 8, 2, 4
GOAL_P95_MS = 100
OPDS = [
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Sosial",
    "Dinas Perhubungan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Permukiman",
    "Dinas Lingkungan Hidup",
    "Dinas Tenaga Kerja",
    "Dinas Koperasi dan UKM",
    "Dinas Perdagangan",
    "Dinas Pariwisata",
    "Dinas Pemuda dan Olahraga",
    "Dinas Ketahanan Pangan",
    "Dinas Perikanan",
    "Dinas Pemadam Kebakaran",
    "Dinas Komunikasi dan Informatika",
    "Dinas Perpustakaan dan Arsip",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Penanaman Modal",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pendapatan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Kepegawaian",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
    "Kecamatan Ciledug",
    "Kecamatan Karawaci",
    "Kecamatan Cipondoh",
    "Kecamatan Batuceper",
    "RSUD Kota Tangerang",
    "Inspektorat",
]
TOPICS = {
    "kesehatan": ["puskesmas", "stunting", "imunisasi", "gizi", "tenaga kesehatan", "rumah sakit"],
    "pendidikan": ["sekolah", "murid", "guru", "beasiswa", "angka partisipasi", "lulusan"],
    "kependudukan": ["penduduk", "kelahiran", "kematian", "kartu keluarga", "migrasi", "KTP"],
    "sosial": ["kemiskinan", "bantuan sosial", "penyandang disabilitas", "lansia", "PKH", "DTKS"],
    "perhubungan": ["kendaraan", "angkutan umum", "terminal", "parkir", "lalu lintas", "halte"],
    "pekerjaan-umum": ["jalan", "jembatan", "drainase", "irigasi", "air bersih", "sanitasi"],
    "perumahan": ["rumah tidak layak huni", "permukiman kumuh", "perumahan", "rusunawa", "RTLH"],
    "lingkungan-hidup": ["sampah", "kualitas udara", "ruang terbuka hijau", "bank sampah"],
    "ketenagakerjaan": ["pencari kerja", "pengangguran", "pelatihan kerja", "upah minimum"],
    "ekonomi": ["UMKM", "koperasi", "pasar", "investasi", "inflasi", "harga bahan pokok"],
    "keuangan": ["anggaran", "pendapatan asli daerah", "belanja daerah", "pajak daerah", "aset"],
    "pariwisata": ["wisatawan", "hotel", "objek wisata", "event budaya", "restoran"],
    "kebencanaan": ["banjir", "kebakaran", "titik rawan bencana", "pengungsi"],
    "pemerintahan": ["pegawai", "pelayanan publik", "pengaduan", "perizinan", "kinerja"],
}
MEASURES = ["Jumlah", "Persentase", "Rasio", "Angka", "Data", "Rekapitulasi", "Capaian", "Daftar"]
BREAKDOWNS = [
    "Menurut Kecamatan",
    "Menurut Kelurahan",
    "Menurut Jenis Kelamin",
    "Menurut Kelompok Umur",
    "per Bulan",
    "per Triwulan",
    "Menurut Jenis",
    "Menurut Status",
]
LEVELS = {"Menurut Kecamatan": "kecamatan", "Menurut Kelurahan": "kelurahan"}
FREKUENSI = ["tahunan", "tahunan", "bulanan", "triwulanan", "semesteran", "tidak_tentu"]
SEARCHES = [
    "q=penduduk",
    "q=kependudukan",
    "q=kesehatan",
    "q=sehat",
    "q=pendudk",
    "q=kesehatn",
    "q=sekolah",
    "q=jumlah+penduduk",
    "q=puskesmas",
    "q=kemiskinan",
    "q=bantuan+sosial",
    "q=anggaran+belanja",
    "q=jalan+rusak",
    "q=stunting+balita",
    "q=angkutan+umum",
    "q=sampah",
    "",
    "sort=most_used",
    "page=3",
    "q=penduduk&level=kecamatan",
    "q=sekolah&year=2022",
    "topic=kesehatan",
    "topic=sosial&sort=most_used",
    "q=jumlah&format=pdf",
    "prioritas=2024",
    "status=terlambat",
    "q=penduduk&page=2",
    "q=rumah+layak+huni",
    "year=2020&level=kelurahan",
    "q=pariwisata&sort=newest",
    "q=pegawai",
    "q=investasi+umkm",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(size: int) -> dict[str, Any]:
    """Runs inside a child process whose environment points at the throw-away database."""
    import django

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satudata.config.settings")
    django.setup()
    from datetime import UTC, date, datetime, timedelta

    import pyarrow as pa
    import pyarrow.parquet as pq
    from django.core.management import call_command
    from django.db import connection

    from satudata.apps.accounts.models import Organisation
    from satudata.apps.catalog.models import Dataset, Tag, Topic, Transition, Version
    from satudata.apps.search.actions import do_reindex_all
    from satudata.platform import storage

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    orgs = Organisation.objects.bulk_create(
        Organisation(name=name, slug=f"opd-{n}", kind="opd", short_name=f"OPD{n}")
        for n, name in enumerate(OPDS)
    )
    topics = Topic.objects.bulk_create(
        Topic(name=slug.replace("-", " ").title(), slug=slug) for slug in TOPICS
    )
    tags = {
        name: Tag.objects.create(name=name.lower()) for words in TOPICS.values() for name in words
    }
    files: dict[str, tuple[str, str]] = {}

    def version_file(column: str) -> tuple[str, str]:
        """One small Parquet file per measure column, shared by the datasets that have it."""
        if column not in files:
            path = storage.new_path("versions", ".parquet")
            table = pa.table({"kode_wilayah": ["36.71.01", "36.71.02"], column: [120, 98]})
            pq.write_table(table, path)
            files[column] = (storage.relative(path), storage.sha256_file(path))
        return files[column]

    def measure(subject: str) -> str:
        return f"jumlah_{subject.lower().replace(' ', '_')}"

    now = datetime.now(UTC)
    started = time.perf_counter()
    datasets, chosen = [], []
    for n in range(size):
        topic = rng.choice(topics)
        words = TOPICS[topic.slug]
        subject, breakdown = rng.choice(words), rng.choice(BREAKDOWNS)
        first = rng.randint(2015, 2024)
        level = LEVELS.get(breakdown, "kota")
        access = rng.choices(["terbuka", "terbatas", "tertutup"], [80, 15, 5])[0]
        datasets.append(
            Dataset(
                title=f"{rng.choice(MEASURES)} {subject.title()} {breakdown} Tahun {first}",
                slug=f"sintetis-{n}",
                description=(
                    f"Data sintetis tentang {subject} dan {rng.choice(words)} di Kota Tangerang "
                    f"untuk perencanaan {topic.name.lower()}."
                ),
                organisation=rng.choice(orgs),
                topic=topic,
                access_level=access,
                licence="cc-by-4.0" if access == "terbuka" else "internal",
                frekuensi=rng.choice(FREKUENSI),
                period_start=date(first, 1, 1),
                period_end=date(min(first + rng.choice([0, 0, 1, 2]), 2025), 12, 31),
                level_penyajian=level,
                konsep=f"Konsep {subject} menurut standar data sektoral",
                definisi=f"Banyaknya {subject} yang tercatat",
                satuan=rng.choice(["orang", "unit", "persen", "rupiah", "kejadian"]),
                prioritas_years=[2024] if rng.random() < 0.1 else [],
                state="diterbitkan",
                data_updated_at=now - timedelta(days=rng.randint(0, 1000)),
                use_count=int(rng.paretovariate(1.2)) - 1,
            )
        )
        chosen.append((subject, rng.choice(words)))
    datasets = Dataset.objects.bulk_create(datasets, batch_size=2000)
    versions = Version.objects.bulk_create(
        (
            Version(
                dataset=d,
                number=1,
                parquet_path=version_file(measure(s))[0],
                checksum=version_file(measure(s))[1],
                rows=2,
                fields=[
                    {"name": "kode_wilayah", "title": "Kode wilayah", "type": "string"},
                    {"name": measure(s), "type": "integer"},
                ],
                source_path=version_file(measure(s))[0],
                source_name="data.csv",
                source_checksum=version_file(measure(s))[1],
            )
            for d, (s, _) in zip(datasets, chosen, strict=True)
        ),
        batch_size=2000,
    )
    Transition.objects.bulk_create(
        (
            Transition(dataset=d, kind="publish", to_state="diterbitkan", version=v)
            for d, v in zip(datasets, versions, strict=True)
        ),
        batch_size=2000,
    )
    for d, v in zip(datasets, versions, strict=True):
        d.published_version = v
    Dataset.objects.bulk_update(datasets, ["published_version"], batch_size=2000)
    Through = Dataset.tags.through
    Through.objects.bulk_create(
        (
            Through(dataset_id=d.pk, tag_id=tags[w].pk)
            for d, pair in zip(datasets, chosen, strict=True)
            for w in set(pair)
        ),
        batch_size=5000,
    )
    catalog_s = time.perf_counter() - started
    started = time.perf_counter()
    do_reindex_all()
    reindex_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    public = [d.slug for d in datasets if d.access_level == "terbuka"]
    return {
        "catalog_s": round(catalog_s, 1),
        "reindex_s": round(reindex_s, 1),
        "slugs": random.Random(SEED).sample(public, min(400, len(public))),
    }


def measure(
    base: str, paths: list[str], concurrency: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Latency and server time of GET `paths`, `concurrency` keep-alive clients at a time
    (with `headers` on every request, e.g. a session cookie).
    The clients use the standard library's `http.client`: about a third of the CPU time per
    request of a full-featured client, which matters when they share the server's cores."""
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(base)
    latencies: list[float] = []
    server: list[float] = []
    errors = 0
    lock = threading.Lock()
    local = threading.local()

    def get(path: str) -> None:
        nonlocal errors
        connection = getattr(local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            local.connection = connection
        started = time.perf_counter()
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        timing = response.getheader("server-timing", "")
        with lock:
            latencies.append(elapsed * 1000)
            if timing.startswith("app;dur="):
                server.append(float(timing.removeprefix("app;dur=")))
            if response.status != 200:
                errors += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, paths))
    wall = time.perf_counter() - started
    ordered, in_server = sorted(latencies), sorted(server) or [0.0]
    return {
        "requests": len(paths),
        "errors": errors,
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        "server_p50_ms": round(statistics.median(in_server), 1),
        "server_p95_ms": round(in_server[max(0, int(len(in_server) * 0.95) - 1)], 1),
        "requests_per_s": round(len(paths) / wall, 1),
    }


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "satudata.config.wsgi:application",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(args, env=env, cwd=ROOT)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


@contextmanager
def served(db: str, script: str, size: int, pg_name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """A throw-away site: a temporary SATUDATA_DATA_DIR (and, on PostgreSQL, the database
    `pg_name`), filled by `python <script> --build <size>` in a child process, then served by
    gunicorn; yields the base URL and the build's JSON report, and removes everything after."""
    folder = Path(tempfile.mkdtemp(prefix="satudata-bench-"))
    env = {
        **os.environ,
        "SATUDATA_DATA_DIR": str(folder),
        "SATUDATA_DEBUG": "false",
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "satudata.config.settings",
        "SATUDATA_API_RATE_ANON": "",
    }
    if db == "postgres":
        _recreate(pg_name, create=True)
        env["SATUDATA_DATABASE_URL"] = f"{PG_SERVER}/{pg_name}"
    server = None
    try:
        done = subprocess.run(
            [sys.executable, script, "--build", str(size)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stdout + done.stderr)
        built = json.loads(done.stdout.strip().splitlines()[-1])
        port = free_port()
        server = serve(env, port)
        yield f"http://127.0.0.1:{port}", built
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
        if db == "postgres":
            _recreate(pg_name, create=False)


def _recreate(name: str, *, create: bool) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {name}")


def run_database(db: str, size: int, requests: int) -> dict[str, Any]:
    with served(db, __file__, size, PG_NAME) as (base, built):
        rng = random.Random(SEED)
        searches = [f"/dataset/?{q}" for q in SEARCHES]
        first = measure(base, searches * WORKERS, CONCURRENCY)
        search = measure(base, [rng.choice(searches) for _ in range(requests)], CONCURRENCY)
        api = [f"/api/v1/datasets?{q}" for q in SEARCHES]
        measure(base, api * WORKERS, CONCURRENCY)
        api_search = measure(base, [rng.choice(api) for _ in range(requests)], CONCURRENCY)
        pages = [f"/dataset/{rng.choice(built['slugs'])}/" for _ in range(requests)]
        measure(base, pages[: CONCURRENCY * 2], CONCURRENCY)
        page = measure(base, pages, CONCURRENCY)
        page_alone = measure(base, pages[: requests // 4], 1)
        return {
            "datasets": size,
            "catalog_build_s": built["catalog_s"],
            "reindex_s": built["reindex_s"],
            "search_first_pass": first,
            "search": search,
            "api_search": api_search,
            "dataset_page": page,
            "dataset_page_alone": page_alone,
        }


def report(results: dict[str, Any]) -> str:
    lines = [
        f"{results['datasets']:,} synthetic datasets; gunicorn {WORKERS} workers × {THREADS} "
        f"threads; {CONCURRENCY} concurrent keep-alive clients (`http.client` threads) on the "
        f"same machine ({results['machine']['cpu_count']} CPUs), except the last row of each "
        f"database: one client at a time. Server time is the app's own `Server-Timing`. "
        f"Command: `{results['command']}`.",
        "",
        "| database | what | p50 ms | p95 ms | server p50 ms | server p95 ms | requests/s "
        "| errors | build + reindex s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [
        ("search_first_pass", "search, first request of each query"),
        ("search", "search page, HTML (query mix)"),
        ("api_search", "search API, JSON `/api/v1/datasets` (same mix)"),
        ("dataset_page", "dataset page"),
        ("dataset_page_alone", "dataset page, one client"),
    ]
    for db, r in results["databases"].items():
        build_s = f"{r['catalog_build_s']} + {r['reindex_s']}"
        for key, label in rows:
            if key not in r:
                continue
            m = r[key]
            lines.append(
                f"| {db} | {label} | {m['p50_ms']} | {m['p95_ms']} | {m.get('server_p50_ms', '')} "
                f"| {m.get('server_p95_ms', '')} | {m['requests_per_s']} | {m['errors']} "
                f"| {build_s} |"
            )
    lines.append("")
    for db, r in results["databases"].items():
        verdict = {
            key: "met" if r[key]["p95_ms"] < GOAL_P95_MS else "not met"
            for key in ("search", "api_search")
        }
        server = r["dataset_page"]["server_p95_ms"]
        alone = r.get("dataset_page_alone", {}).get("server_p95_ms")
        lines.append(
            f"- {db}: goal p95 < {GOAL_P95_MS} ms at concurrency {CONCURRENCY} — search page "
            f"{verdict['search']} ({r['search']['p95_ms']} ms), search API "
            f"{verdict['api_search']} ({r['api_search']['p95_ms']} ms); dataset page server "
            f"time p95 {server} ms at concurrency {CONCURRENCY}"
            + (f" and {alone} ms one request at a time" if alone is not None else "")
            + f" (goal < {GOAL_P95_MS} ms: "
            + ("met" if server < GOAL_P95_MS else "not met")
            + f" under load, {'met' if alone is not None and alone < GOAL_P95_MS else 'not met'} "
            + "alone)."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="5,000 datasets, fewer requests")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build(args.build)))
        return
    size, requests = (5_000, 400) if args.small else (100_000, 2_000)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results: dict[str, Any] = {
        "datasets": size,
        "command": "python bench/search.py" + (" --small" if args.small else ""),
        "machine": machine(),
        "databases": {db: run_database(db, size, requests) for db in databases},
    }
    print(report(results))
    if not args.small:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "search.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        write_section("Catalog search", report(results))


if __name__ == "__main__":
    main()
