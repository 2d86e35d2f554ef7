"""Data explorer benchmark: satudata's data query API against Datasette on the same table.

    python bench/explorer.py            # 1,000,000 rows x 12 columns (the ingest benchmark's CSV)
    python bench/explorer.py --small    # 50,000 rows, shorter load (about a minute)

Generates the ingest benchmark's synthetic CSV, ingests it with the tabular engine into a
Parquet version, registers it as a published terbuka dataset of a fresh satudata instance, and
copies the same rows into SQLite for Datasette. Both are served as in production (satudata:
gunicorn `satudata.config.wsgi`, gthread workers; Datasette: `datasette serve`, immutable file)
and driven in turn with the same load: 8 concurrent clients with keep-alive connections, every
request with freshly drawn filter values, for a fixed time each:

(a) filter (kode wilayah = X, umur > Y, luas rumah < Z) + sort (pendapatan, descending) + the
    first page of 50 rows with the total count;
(b) group-by on a text column (kode wilayah) with the sum of pendapatan, over a varied filter;
(c) one full filtered CSV download (umur > 40), timed alone.

Full mode writes bench/results/explorer.json and the "Data explorer" section of
docs/benchmarks.md; --small only prints its summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from _common import RESULTS, ROOT, machine, write_section
from ingest import kelurahan_codes, write_csv

CONCURRENCY = 8
SLUG = "bench-penduduk"
TABLE = "data"
WORKERS, THREADS, DUCKDB_THREADS = 2, 4, 1
DATASETTE_SQL_THREADS = 8


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "satudata.config.settings",
        "SATUDATA_DATA_DIR": str(data_dir),
        "SATUDATA_SECRET_KEY": "bench-only-secret-key-0123456789abcdef",
        "SATUDATA_API_RATE_ANON": "",
        "SATUDATA_QUERY_THREADS": str(DUCKDB_THREADS),
        "SATUDATA_LOG_LEVEL": "WARNING",
    }


def prepare_satudata(work: Path, rows: int, env: dict[str, str]) -> dict[str, Any]:
    """CSV -> Parquet version (tabular engine) -> a published dataset of a fresh instance."""
    csv_path = work / "data.csv"
    start = time.perf_counter()
    write_csv(csv_path, rows)
    generated = time.perf_counter() - start
    subprocess.run(
        [sys.executable, "-m", "satudata", "migrate", "--verbosity", "0"], env=env, check=True
    )
    script = f"""
import json, sys, django
django.setup()
from pathlib import Path
from dataclasses import asdict
from satudata.engines.tabular import ingest, Options
from satudata.platform import storage
from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset, Version, Transition
target = storage.new_path("versions", ".parquet")
result = ingest(Path({str(csv_path)!r}), target, options=Options(threads=2, memory_limit="1GB"))
assert result.ok, result.counts
org = Organisation.objects.create(name="Dinas Bench", slug="dinas-bench", kind="opd")
ds = Dataset.objects.create(organisation=org, title="Bench", slug={SLUG!r},
                            access_level="terbuka", licence="cc-by-4.0")
fields = [{{**asdict(f), "min": None, "max": None}} for f in result.fields]
v = Version.objects.create(dataset=ds, number=1, parquet_path=storage.relative(target),
    checksum=result.checksum, rows=result.row_count, fields=fields,
    source_path=storage.relative(target), source_name="data.csv", source_checksum="-")
Transition.objects.create(dataset=ds, kind="publish", to_state="diterbitkan", version=v)
ds.published_version = v; ds.state = "diterbitkan"; ds.save()
print(json.dumps({{"parquet": str(target), "bytes": result.size, "rows": result.row_count,
                  "fields": [f["name"] for f in fields]}}))
"""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    info = json.loads(done.stdout.strip().splitlines()[-1])
    info["generation_s"] = round(generated, 1)
    info["ingest_s"] = round(time.perf_counter() - start, 1)
    info["csv_bytes"] = csv_path.stat().st_size
    csv_path.unlink()
    return info


def prepare_sqlite(parquet: Path, db: Path) -> dict[str, Any]:
    """The same rows in SQLite (dates as ISO text, booleans as 0/1), with an index on the column
    the page filters on by equality, as a publisher of a Datasette table would add."""
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect()
    reader = con.execute(f"SELECT * FROM read_parquet('{parquet}')").to_arrow_reader(50_000)
    names = reader.schema.names
    lite = sqlite3.connect(db)
    lite.execute(f"CREATE TABLE {TABLE} ({', '.join(names)})")
    marks = ", ".join("?" for _ in names)
    for batch in reader:
        columns = [c.to_pylist() for c in batch.columns]
        rows = [
            tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)
            for row in zip(*columns, strict=True)
        ]
        lite.executemany(f"INSERT INTO {TABLE} VALUES ({marks})", rows)
    lite.execute(f"CREATE INDEX idx_kode_wilayah ON {TABLE} (kode_wilayah)")
    lite.commit()
    lite.execute("VACUUM")
    lite.close()
    return {"load_s": round(time.perf_counter() - start, 1), "bytes": db.stat().st_size}


def wait_for(port: int, path: str, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not start")


def wait_for_copy(folder: Path, timeout: float = 120) -> None:
    """The engine copies a version into DuckDB's format on its first query, in the background."""
    end = time.time() + timeout
    while not list(folder.glob("*.duckdb")) and time.time() < end:
        time.sleep(0.2)


def start_satudata(port: int, env: dict[str, str]) -> subprocess.Popen:
    cmd = [
        str(Path(sys.executable).with_name("gunicorn")),
        "satudata.config.wsgi",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--worker-class",
        "gthread",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(cmd, env=env, start_new_session=True)


def start_datasette(port: int, db: Path) -> subprocess.Popen:
    settings = {
        "num_sql_threads": DATASETTE_SQL_THREADS,
        "sql_time_limit_ms": 5000,
        "default_page_size": 50,
        "suggest_facets": "off",
        "allow_facet": "off",
    }
    cmd = [str(Path(sys.executable).with_name("datasette")), "serve", "-i", str(db)]
    cmd += ["--port", str(port), "--host", "127.0.0.1"]
    for name, value in settings.items():
        cmd += ["--setting", name, str(value)]
    return subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def rss_mb(process: subprocess.Popen) -> float:
    """Resident memory of the server and its children (workers)."""
    pids = [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def page_url(system: str, rng: random.Random, codes: list[str]) -> str:
    code, age, area = rng.choice(codes), rng.randint(0, 74), rng.randint(200, 3000) / 10
    if system == "satudata":
        query = [
            ("f", f"kode_wilayah:eq:{code}"),
            ("f", f"umur:gt:{age}"),
            ("f", f"luas_rumah:lt:{area}"),
            ("sort", "-pendapatan"),
            ("per_page", "50"),
        ]
        return f"/api/v1/datasets/{SLUG}/versions/1/data?{urlencode(query)}"
    query = [
        ("kode_wilayah__exact", code),
        ("umur__gt", str(age)),
        ("luas_rumah__lt", str(area)),
        ("_sort_desc", "pendapatan"),
        ("_size", "50"),
    ]
    return f"/bench/{TABLE}.json?{urlencode(query)}"


def group_url(system: str, rng: random.Random, codes: list[str]) -> str:
    low = rng.randint(0, 60)
    high = low + rng.randint(5, 40)
    area = rng.randint(200, 2500) / 10
    if system == "satudata":
        query = [
            ("f", f"umur:between:{low}..{high}"),
            ("f", f"luas_rumah:gt:{area}"),
            ("group", "kode_wilayah"),
            ("agg", "sum:pendapatan"),
            ("per_page", "200"),
        ]
        return f"/api/v1/datasets/{SLUG}/versions/1/data?{urlencode(query)}"
    sql = (
        f"SELECT kode_wilayah, sum(pendapatan) AS sum_pendapatan FROM {TABLE} "
        "WHERE umur BETWEEN :low AND :high AND luas_rumah > :area "
        "GROUP BY kode_wilayah ORDER BY kode_wilayah LIMIT 200"
    )
    query = {"sql": sql, "low": low, "high": high, "area": area, "_shape": "objects"}
    return f"/bench.json?{urlencode(query)}"


def load(port: int, make_url: Any, system: str, seconds: float, codes: list[str]) -> dict:
    """CONCURRENCY clients, each with a keep-alive connection, for `seconds`."""
    latencies: list[float] = []
    errors: list[str] = []
    urls: set[str] = set()
    lock = threading.Lock()
    end = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, seen = [], [], set()
        while time.perf_counter() < end:
            url = make_url(system, rng, codes)
            seen.add(url)
            start = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(str(response.status))
            except (OSError, http.client.HTTPException) as exc:
                bad.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)
            urls.update(seen)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "distinct_urls": len(urls),
        "requests_per_s": round(len(ms) / wall, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
        "p99_ms": round(ms[int(0.99 * (len(ms) - 1))], 1),
        "seconds": round(wall, 1),
    }


def download(port: int, path: str) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    size, lines = 0, 0
    while chunk := response.read(1024 * 1024):
        size += len(chunk)
        lines += chunk.count(b"\n")
    return {
        "status": response.status,
        "seconds": round(time.perf_counter() - start, 2),
        "bytes": size,
        "rows": lines - 1,
    }


def run(work: Path, rows: int, seconds: float, mode: str) -> dict[str, Any]:
    env = environment(work / "satudata")
    (work / "satudata").mkdir(parents=True, exist_ok=True)
    data = prepare_satudata(work, rows, env)
    sqlite_info = prepare_sqlite(Path(data["parquet"]), work / "bench.db")
    codes = kelurahan_codes()
    ours_port, theirs_port = free_port(), free_port()
    ours = start_satudata(ours_port, env)
    theirs = start_datasette(theirs_port, work / "bench.db")
    results: dict[str, Any] = {}
    try:
        wait_for(ours_port, f"/api/v1/datasets/{SLUG}/data?per_page=1")
        wait_for_copy(work / "satudata" / "query-copies")
        wait_for(theirs_port, f"/bench/{TABLE}.json?_size=1")
        load_before = os.getloadavg()
        for name, make_url in (("a_filter_sort_page", page_url), ("b_group_sum", group_url)):
            load(ours_port, make_url, "satudata", 2, codes)
            load(theirs_port, make_url, "datasette", 2, codes)
            results[name] = {
                "satudata": load(ours_port, make_url, "satudata", seconds, codes),
                "datasette": load(theirs_port, make_url, "datasette", seconds, codes),
            }
        ours_query = urlencode({"f": "umur:gt:40", "format": "csv"})
        results["c_filtered_csv"] = {
            "satudata": download(ours_port, f"/api/v1/datasets/{SLUG}/data?{ours_query}"),
            "datasette": download(
                theirs_port, f"/bench/{TABLE}.csv?umur__gt=40&_stream=on&_size=max"
            ),
        }
        results["server_rss_mb"] = {"satudata": rss_mb(ours), "datasette": rss_mb(theirs)}
        load_after = os.getloadavg()
    finally:
        stop(ours)
        stop(theirs)
    summary = {}
    for key in ("a_filter_sort_page", "b_group_sum"):
        ours_r, theirs_r = results[key]["satudata"], results[key]["datasette"]
        summary[key] = {
            "satudata_rps": ours_r["requests_per_s"],
            "datasette_rps": theirs_r["requests_per_s"],
            "ratio": round(ours_r["requests_per_s"] / max(theirs_r["requests_per_s"], 0.01), 2),
            "satudata_p95_ms": ours_r["p95_ms"],
            "datasette_p95_ms": theirs_r["p95_ms"],
        }
    c = results["c_filtered_csv"]
    summary["c_filtered_csv_s"] = {
        "satudata": c["satudata"]["seconds"],
        "datasette": c["datasette"]["seconds"],
    }
    summary["goals_met"] = {
        "a_at_least_2x_datasette": summary["a_filter_sort_page"]["ratio"] >= 2,
        "b_at_least_2x_datasette": summary["b_group_sum"]["ratio"] >= 2,
        "a_p95_under_150ms": summary["a_filter_sort_page"]["satudata_p95_ms"] < 150,
        "b_p95_under_150ms": summary["b_group_sum"]["satudata_p95_ms"] < 150,
    }
    return {
        "benchmark": "explorer",
        "mode": mode,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python bench/explorer.py" + (" --small" if mode == "small" else ""),
        "machine": machine(),
        "servers": {
            "satudata": f"gunicorn satudata.config.wsgi, {WORKERS} workers x {THREADS} threads "
            f"(gthread), DuckDB {DUCKDB_THREADS} thread per process, query cache on, version "
            "copied to DuckDB's format on first use (SATUDATA_QUERY_COPIES)",
            "datasette": f"datasette serve -i (immutable), num_sql_threads "
            f"{DATASETTE_SQL_THREADS}, sql_time_limit_ms 5000, facets off, "
            "index on kode_wilayah",
        },
        "load": {"concurrency": CONCURRENCY, "seconds_per_run": seconds},
        "load_average": {"before": load_before, "after": load_after},
        "inputs": {
            "rows": data["rows"],
            "columns": len(data["fields"]),
            "parquet_bytes": data["bytes"],
            "sqlite_bytes": sqlite_info["bytes"],
            "csv_bytes": data["csv_bytes"],
        },
        "results": results,
        "summary": summary,
    }


def document(results: dict[str, Any]) -> str:
    s, r, m = results["summary"], results["results"], results["machine"]
    a, b, c = s["a_filter_sort_page"], s["b_group_sum"], r["c_filtered_csv"]
    inputs, servers, load = results["inputs"], results["servers"], results["load_average"]
    mb = 1024 * 1024

    def row(label: str, key: str) -> list[str]:
        out = []
        for system in ("satudata", "datasette"):
            x = r[key][system]
            out.append(
                f"| {label} | {system} | {x['requests_per_s']} | {x['p50_ms']} | {x['p95_ms']} "
                f"| {x['requests']:,} ({x['distinct_urls']:,} distinct) | {x['errors']} |"
            )
        return out

    table = [
        "| query | server | requests/s | p50 (ms) | p95 (ms) | requests | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        *row("(a) filter + sort + first page", "a_filter_sort_page"),
        *row("(b) group-by kode wilayah, sum", "b_group_sum"),
    ]
    lines = "\n".join(table)
    return f"""
Command: `{results["command"]}` (`--small`: 50,000 rows, 5 s per run, prints only).
Recorded {results["date"]} on {m["cpu_count"]} CPU cores, {m["memory_gb"]} GB RAM, Python
{m["python"]}, DuckDB {m["versions"]["duckdb"]}. Load average {load["before"][0]:.1f} before and
{load["after"][0]:.1f} after; the load generator ran on the same machine as both servers.

Data: the ingest benchmark's {inputs["rows"]:,} rows × {inputs["columns"]} columns, ingested by
the tabular engine into Parquet ({inputs["parquet_bytes"] / mb:.0f} MB); the same rows in SQLite
for Datasette ({inputs["sqlite_bytes"] / mb:.0f} MB).

Servers: satudata — {servers["satudata"]}. Datasette — {servers["datasette"]}.
Load: {results["load"]["concurrency"]} concurrent keep-alive clients for
{results["load"]["seconds_per_run"]} s per run, each request with freshly drawn filter values
(kode wilayah, umur and luas rumah thresholds), so neither side answers from a cache.

{lines}

- (a) satudata serves **{a["ratio"]}×** Datasette's requests/s (goal ≥ 2×), p95
  {a["satudata_p95_ms"]} ms (goal < 150 ms).
- (b) satudata serves **{b["ratio"]}×** Datasette's requests/s (goal ≥ 2×), p95
  {b["satudata_p95_ms"]} ms (goal < 150 ms).
- (c) the full CSV of `umur > 40`: satudata {c["satudata"]["seconds"]} s
  ({c["satudata"]["bytes"] / mb:.0f} MB, {c["satudata"]["rows"]:,} rows), Datasette
  {c["datasette"]["seconds"]} s ({c["datasette"]["bytes"] / mb:.0f} MB,
  {c["datasette"]["rows"]:,} rows), streamed by both. Server memory after the runs:
  satudata {r["server_rss_mb"]["satudata"]} MB (all workers), Datasette
  {r["server_rss_mb"]["datasette"]} MB.
""".strip()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help="50,000 rows, 5 s per run")
    parser.add_argument("--seconds", type=float, help="length of each load run")
    parser.add_argument("--workdir", type=Path, help="keep the generated files here")
    args = parser.parse_args()
    rows = 50_000 if args.small else 1_000_000
    seconds = args.seconds or (5 if args.small else 20)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="satudata-bench-explorer-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(work, rows, seconds, "small" if args.small else "full")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if not args.small:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "explorer.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
        write_section("Data explorer", document(results))
    print(json.dumps(results["summary"], indent=2))


if __name__ == "__main__":
    main()
