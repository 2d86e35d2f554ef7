"""Ingest benchmark: satudata's tabular engine against frictionless and bare DuckDB.

    python bench/ingest.py            # 1,000,000-row CSV (~140 MB) and 200,000-row XLSX
    python bench/ingest.py --small    # 50,000 and 10,000 rows (what `make bench` runs)

Generates synthetic, seeded data (16-digit NIK-like and No. KK-like identifiers, kode wilayah of
Kota Tangerang kelurahan, Indonesian decimals and dates, integers, a yes/no column, text), then
times, each in a fresh process:

1. satudata: `inspect` then `ingest` into a validated, typed Parquet version (CSV and XLSX),
   each run with an empty cache of parsed sheets;
2. `frictionless validate` (the CLI) on the same CSV, with an equivalent Table Schema;
3. DuckDB alone: `read_csv` (auto-detected) to a zstd Parquet file with `COPY`;
4. polars alone: `read_excel(engine="calamine")` of the same workbook into a DataFrame.

Each process reports its own wall time (around the work, not the interpreter start) and peak
memory (ru_maxrss). The summary gives satudata's time as a multiple of the bare reads measured
in the same run (goals: CSV at most 2.5x DuckDB, XLSX at most 2x polars + calamine). Full mode
writes bench/results/ingest.json and the "Ingest" section of docs/benchmarks.md; --small only
prints its summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import RESULTS, ROOT, machine, median_of, run_child, write_section

SEED = 20240817
KELURAHAN = ROOT.parent / "shared" / "data" / "boundaries" / "kota_tangerang_kelurahan.geojson"
HEADER = [
    "NIK",
    "No KK",
    "Kode Wilayah",
    "Nama",
    "Alamat",
    "Tanggal Lahir",
    "Tanggal Daftar",
    "Umur",
    "Jumlah Anggota",
    "Pendapatan",
    "Luas Rumah",
    "Penerima Bantuan",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
NAMES = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rina",
    "Joko",
    "Sri",
    "Andi",
    "Nur",
    "Eko",
    "Wati",
    "Hadi",
]
STREETS = ["Jl. Merdeka", "Jl. Sudirman", "Jl. Imam Bonjol", "Jl. Daan Mogot", "Jl. Gatot Subroto"]
THREADS, MEMORY = 2, "1GB"
CSV_GOAL, XLSX_GOAL = 2.5, 2.0


def kelurahan_codes() -> list[str]:
    """The 104 kelurahan codes of Kota Tangerang, or codes of the same form when not at hand."""
    if KELURAHAN.exists():
        features = json.loads(KELURAHAN.read_text(encoding="utf-8"))["features"]
        return sorted(f["properties"]["kode"] for f in features)
    return [f"36.71.{k:02d}.{1000 + n}" for k in range(1, 14) for n in range(1, 9)]


def records(rows: int) -> Any:
    """Deterministic synthetic records: (strings for CSV, typed values for XLSX)."""
    rng = random.Random(SEED)
    codes = kelurahan_codes()
    for i in range(rows):
        code = codes[i % len(codes)]
        region = code[0:2] + code[3:5] + code[6:8]
        born = dt.date(rng.randint(1950, 2020), rng.randint(1, 12), rng.randint(1, 28))
        registered = dt.date(2024, rng.randint(1, 12), rng.randint(1, 28))
        income = rng.randint(0, 2_500_000_000)
        yield {
            "nik": f"{region}{born:%d%m%y}{i % 10000:04d}",
            "kk": f"{region}{rng.randint(1, 28):02d}{born:%m}{rng.randint(10, 24):02d}"
            f"{rng.randint(0, 9999):04d}",
            "code": code,
            "name": f"{rng.choice(NAMES)} {rng.choice(NAMES)} {rng.choice(NAMES)}",
            "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 200)} RT "
            f"{rng.randint(1, 15):03d}/RW {rng.randint(1, 12):03d}",
            "born": born,
            "registered": registered,
            "age": 2024 - born.year,
            "members": rng.randint(1, 9),
            "income": income / 100,
            "area": rng.randint(200, 3000) / 10,
            "aid": rng.random() < 0.3,
        }


def _decimal(value: float, cents: bool) -> str:
    whole, frac = divmod(round(value * 100), 100)
    text = f"{whole:,}".replace(",", ".")
    return f"{text},{frac:02d}" if cents else f"{text},{frac // 10}"


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(";".join(HEADER) + "\n")
        batch = []
        for r in records(rows):
            registered = r["registered"]
            batch.append(
                ";".join(
                    [
                        r["nik"],
                        r["kk"],
                        r["code"],
                        r["name"],
                        r["address"],
                        f"{r['born']:%d/%m/%Y}",
                        f"{registered.day} {MONTHS[registered.month - 1]} {registered.year}",
                        str(r["age"]),
                        str(r["members"]),
                        _decimal(r["income"], True),
                        _decimal(r["area"], False),
                        "ya" if r["aid"] else "tidak",
                    ]
                )
            )
            if len(batch) == 10_000:
                handle.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            handle.write("\n".join(batch) + "\n")


def write_xlsx(path: Path, rows: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADER)
    for row, r in enumerate(records(rows), start=1):
        for col, key in enumerate(("nik", "kk", "code", "name", "address")):
            sheet.write_string(row, col, r[key])
        sheet.write_datetime(row, 5, r["born"], date)
        sheet.write_datetime(row, 6, r["registered"], date)
        sheet.write_number(row, 7, r["age"])
        sheet.write_number(row, 8, r["members"])
        sheet.write_number(row, 9, r["income"])
        sheet.write_number(row, 10, r["area"])
        sheet.write_string(row, 11, "ya" if r["aid"] else "tidak")
    book.close()


def frictionless_resource(csv_path: Path) -> Path:
    """A Table Schema equivalent to what satudata checks (types, yes/no values, decimals)."""
    text = {"type": "string"}
    fields = [
        {"name": "NIK", **text},
        {"name": "No KK", **text},
        {"name": "Kode Wilayah", **text},
        {"name": "Nama", **text},
        {"name": "Alamat", **text},
        {"name": "Tanggal Lahir", "type": "date", "format": "%d/%m/%Y"},
        {"name": "Tanggal Daftar", **text},
        {"name": "Umur", "type": "integer"},
        {"name": "Jumlah Anggota", "type": "integer"},
        {"name": "Pendapatan", "type": "number", "decimalChar": ",", "groupChar": "."},
        {"name": "Luas Rumah", "type": "number", "decimalChar": ",", "groupChar": "."},
        {
            "name": "Penerima Bantuan",
            "type": "boolean",
            "trueValues": ["ya"],
            "falseValues": ["tidak"],
        },
    ]
    descriptor = {
        "name": "bench",
        "path": csv_path.name,
        "format": "csv",
        "encoding": "utf-8",
        "dialect": {"csv": {"delimiter": ";"}},
        "schema": {"fields": fields},
    }
    path = csv_path.with_name("resource.json")
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return path


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def worker(kind: str, source: Path, out: Path) -> dict[str, Any]:
    """Runs in its own process; returns wall time around the work and peak memory."""
    if kind == "satudata":
        from satudata.engines.tabular import Options, ingest, inspect

        temp = Path(tempfile.mkdtemp(prefix="run-", dir=out.parent))
        options = Options(memory_limit=MEMORY, threads=THREADS, temp_dir=temp)
        start = time.perf_counter()
        seen = inspect(source, options=options)
        middle = time.perf_counter()
        result = ingest(source, out, options=options)
        wall = time.perf_counter() - start
        shutil.rmtree(temp, ignore_errors=True)
        if not result.ok:
            raise SystemExit(f"ingest found errors: {result.counts}")
        return {
            "wall_s": wall,
            "inspect_s": middle - start,
            "ingest_s": wall - (middle - start),
            "rows": result.row_count,
            "peak_rss_mb": _peak_mb(),
            "parquet_bytes": result.size,
            "fields": {f.name: f"{f.type}{'/' + f.role if f.role else ''}" for f in result.fields},
            "preview_types": len(seen.fields),
        }
    if kind == "duckdb":
        import duckdb

        con = duckdb.connect(config={"threads": THREADS, "memory_limit": MEMORY})
        start = time.perf_counter()
        con.execute(
            f"COPY (SELECT * FROM read_csv('{source}')) TO '{out}' (FORMAT parquet, "
            "COMPRESSION zstd)"
        )
        wall = time.perf_counter() - start
        rows = con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()
        return {"wall_s": wall, "rows": rows[0] if rows else 0, "peak_rss_mb": _peak_mb()}
    if kind == "polars":
        import polars as pl

        start = time.perf_counter()
        frame = pl.read_excel(source, engine="calamine")
        wall = time.perf_counter() - start
        return {"wall_s": wall, "rows": frame.height, "peak_rss_mb": _peak_mb()}
    if kind == "frictionless":
        cli = Path(sys.executable).with_name("frictionless")
        start = time.perf_counter()
        done = subprocess.run(
            [str(cli), "validate", source.name, "--json"],
            cwd=source.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - start
        report = json.loads(done.stdout)
        task = report["tasks"][0]
        return {
            "wall_s": wall,
            "valid": report["valid"],
            "rows": task["stats"].get("rows"),
            "errors": task["stats"].get("errors"),
            "peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        }
    raise SystemExit(f"unknown worker {kind}")


def _summarise(reports: list[dict[str, Any]]) -> dict[str, Any]:
    summary = dict(reports[0])
    summary["wall_s"] = round(median_of(reports, "wall_s"), 3)
    summary["wall_s_runs"] = [round(r["wall_s"], 3) for r in reports]
    summary["peak_rss_mb"] = max(r["peak_rss_mb"] for r in reports)
    return summary


def _timed(jobs: dict[str, tuple[str, Path, Path]], repeat: int) -> dict[str, dict[str, Any]]:
    """Run each job `repeat` times, interleaved so that background load hits them alike."""
    reports: dict[str, list[dict[str, Any]]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, (kind, source, out) in jobs.items():
            out.unlink(missing_ok=True)
            reports[name].append(run_child([__file__, "--worker", kind, str(source), str(out)]))
    return {name: _summarise(runs) for name, runs in reports.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help="50,000 CSV rows, 10,000 XLSX rows")
    parser.add_argument("--repeat", type=int, default=3, help="runs of satudata and DuckDB")
    parser.add_argument("--workdir", type=Path, help="keep the generated files here")
    parser.add_argument(
        "--worker", nargs=3, metavar=("KIND", "SOURCE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.worker:
        kind, source, out = args.worker
        print(json.dumps(worker(kind, Path(source), Path(out))))
        return
    csv_rows, xlsx_rows = (50_000, 10_000) if args.small else (1_000_000, 200_000)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="satudata-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(work, csv_rows, xlsx_rows, args.repeat, "small" if args.small else "full")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if not args.small:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "ingest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        write_section("Ingest", document(results))
    summary = results["summary"]
    print(
        f"CSV: {summary['slowdown_vs_duckdb']}x bare DuckDB (goal <= {CSV_GOAL}x); "
        f"XLSX: {summary['slowdown_vs_polars_xlsx']}x bare polars + calamine (goal <= {XLSX_GOAL}x)"
    )
    print(json.dumps(summary, indent=2))


def run(work: Path, csv_rows: int, xlsx_rows: int, repeat: int, mode: str) -> dict[str, Any]:
    csv_path, xlsx_path = work / "data.csv", work / "data.xlsx"
    start = time.perf_counter()
    write_csv(csv_path, csv_rows)
    write_xlsx(xlsx_path, xlsx_rows)
    generated = time.perf_counter() - start
    resource_path = frictionless_resource(csv_path)
    load_before = os.getloadavg()
    timed = _timed(
        {
            "satudata_csv": ("satudata", csv_path, work / "ours_csv.parquet"),
            "duckdb_csv": ("duckdb", csv_path, work / "duckdb.parquet"),
            "satudata_xlsx": ("satudata", xlsx_path, work / "ours_xlsx.parquet"),
            "polars_xlsx": ("polars", xlsx_path, work / "unused"),
        },
        repeat,
    )
    ours_csv, duck, ours_xlsx = timed["satudata_csv"], timed["duckdb_csv"], timed["satudata_xlsx"]
    bare_xlsx = timed["polars_xlsx"]
    friction = _timed({"f": ("frictionless", resource_path, work / "unused")}, 1)["f"]
    load_after = os.getloadavg()
    summary = {
        "satudata_csv_s": ours_csv["wall_s"],
        "satudata_xlsx_s": ours_xlsx["wall_s"],
        "duckdb_csv_s": duck["wall_s"],
        "polars_xlsx_s": bare_xlsx["wall_s"],
        "frictionless_csv_s": round(friction["wall_s"], 3),
        "speedup_vs_frictionless": round(friction["wall_s"] / ours_csv["wall_s"], 1),
        "slowdown_vs_duckdb": round(ours_csv["wall_s"] / duck["wall_s"], 2),
        "slowdown_vs_polars_xlsx": round(ours_xlsx["wall_s"] / bare_xlsx["wall_s"], 2),
        "peak_rss_mb_csv": ours_csv["peak_rss_mb"],
        "peak_rss_mb_xlsx": ours_xlsx["peak_rss_mb"],
    }
    summary["goals_met"] = {
        "at_least_20x_faster_than_frictionless": summary["speedup_vs_frictionless"] >= 20,
        "csv_at_most_2.5x_duckdb": summary["slowdown_vs_duckdb"] <= CSV_GOAL,
        "xlsx_at_most_2x_polars_calamine": summary["slowdown_vs_polars_xlsx"] <= XLSX_GOAL,
        "peak_memory_under_2gb": max(ours_csv["peak_rss_mb"], ours_xlsx["peak_rss_mb"]) < 2048,
    }
    return {
        "benchmark": "ingest",
        "mode": mode,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python bench/ingest.py" + (" --small" if mode == "small" else ""),
        "machine": machine(),
        "settings": {"threads": THREADS, "memory_limit": MEMORY, "repeat": repeat},
        "load_average": {"before": load_before, "after": load_after},
        "inputs": {
            "csv": {"rows": csv_rows, "columns": len(HEADER), "bytes": csv_path.stat().st_size},
            "xlsx": {"rows": xlsx_rows, "columns": len(HEADER), "bytes": xlsx_path.stat().st_size},
            "generation_s": round(generated, 1),
        },
        "results": {
            "satudata_csv": ours_csv,
            "satudata_xlsx": ours_xlsx,
            "duckdb_csv": duck,
            "polars_xlsx": bare_xlsx,
            "frictionless_csv": friction,
        },
        "summary": summary,
    }


TABLE_ROWS = (
    ("satudata_csv", "satudata `inspect` + `ingest`, CSV → typed, validated Parquet"),
    ("duckdb_csv", "DuckDB alone: `read_csv` → `COPY … (FORMAT parquet)`"),
    ("satudata_xlsx", "satudata `inspect` + `ingest`, XLSX → typed, validated Parquet"),
    ("polars_xlsx", 'polars alone: `read_excel(engine="calamine")` → DataFrame'),
    ("frictionless_csv", "`frictionless validate` (CLI) with an equivalent Table Schema"),
)


def _met(flag: bool) -> str:
    return "met" if flag else "**not met**"


def document(results: dict[str, Any]) -> str:
    s, r, m = results["summary"], results["results"], results["machine"]
    settings, load = results["settings"], results["load_average"]
    csv_in, xlsx_in = results["inputs"]["csv"], results["inputs"]["xlsx"]
    goals = s["goals_met"]
    mb = 1024 * 1024
    table = ["| what | rows | time (s) | peak memory (MB) |", "| --- | ---: | ---: | ---: |"]
    table += [
        f"| {label} | {r[key]['rows']:,} | {r[key]['wall_s']} | {r[key]['peak_rss_mb']} |"
        for key, label in TABLE_ROWS
    ]
    rows = "\n".join(table)
    peak = max(s["peak_rss_mb_csv"], s["peak_rss_mb_xlsx"])
    versions = m["versions"]
    runs = {key: ", ".join(f"{t:.2f}" for t in r[key]["wall_s_runs"]) for key in r}
    frictionless_vs_duckdb = round(s["frictionless_csv_s"] / s["duckdb_csv_s"], 1)
    busy = ""
    if load["before"][0] > 0.5 * (m["cpu_count"] or 1):
        busy = " Other work was running on the machine at the same time, so the times are noisy."
    return f"""
Command: `{results["command"]}` (`--small` runs 50,000 and 10,000 rows and only prints).
Recorded {results["date"]} on {m["cpu_count"]} CPU cores, {m["memory_gb"]} GB RAM,
Python {m["python"]}, DuckDB {versions["duckdb"]}, polars {versions["polars"]}, fastexcel
{versions["fastexcel"]}, frictionless {versions["frictionless"]}; satudata and DuckDB got
{settings["threads"]} threads and a {settings["memory_limit"]} memory limit. Times are the median
of {settings["repeat"]} runs (satudata, DuckDB and polars interleaved), each in a fresh process
and measured around the work; every satudata run starts with an empty cache of parsed sheets.
frictionless ran once, timed around its command. The load average was {load["before"][0]:.1f}
before and {load["after"][0]:.1f} after the runs.{busy}

Input: a synthetic CSV of {csv_in["rows"]:,} rows × {csv_in["columns"]} columns
({csv_in["bytes"] / mb:.0f} MB, `;`-separated, Indonesian decimals "1.234.567,89" and "241,8",
dates "08/05/1985" and "9 Des 2024", 16-digit NIK and No. KK, kode wilayah "36.71.01.1001",
ya/tidak) and the same columns as an XLSX of {xlsx_in["rows"]:,} rows
({xlsx_in["bytes"] / mb:.0f} MB).

{rows}

- CSV: satudata takes **{s["slowdown_vs_duckdb"]}×** the time of bare DuckDB measured in the same
  run (goal ≤ {CSV_GOAL}×: {_met(goals["csv_at_most_2.5x_duckdb"])}).
- XLSX: satudata takes **{s["slowdown_vs_polars_xlsx"]}×** the time of a bare polars + calamine
  read of the same workbook in the same run (goal ≤ {XLSX_GOAL}×:
  {_met(goals["xlsx_at_most_2x_polars_calamine"])}). The sheet is parsed once: `inspect` parses it
  whole and keeps its cells, keyed by the workbook's SHA-256, for `ingest` (and the problem
  report) to read.
- satudata is **{s["speedup_vs_frictionless"]}×** faster than frictionless (goal ≥ 20×:
  {_met(goals["at_least_20x_faster_than_frictionless"])}); peak memory {peak} MB (goal < 2 GB:
  {_met(goals["peak_memory_under_2gb"])}).
- satudata does more than the bare reads: it detects encoding, delimiter and header, infers
  types with Indonesian notation, keeps identifiers as text, checks every cell (type failures,
  NIK and No. KK length), computes per-column statistics, and writes the Parquet file
  atomically with its checksum. Values in the common Indonesian forms are read by fast paths
  that accept and reject exactly what the strict parser does. DuckDB only converts, with its
  own type detection; polars only reads the cells into memory.
- frictionless checks every cell against the schema and writes nothing; "Tanggal Daftar"
  ("9 Des 2024") is text for it, as it cannot read Indonesian month names. On this machine
  DuckDB's bare conversion is itself only {frictionless_vs_duckdb}× faster than frictionless, so
  the 20× goal would mean beating DuckDB's own read-and-write.
- Single runs (s): satudata CSV {runs["satudata_csv"]}, DuckDB {runs["duckdb_csv"]},
  satudata XLSX {runs["satudata_xlsx"]}, polars {runs["polars_xlsx"]}. Of a satudata run,
  `inspect` took {r["satudata_csv"]["inspect_s"]:.2f} s (CSV: the first rows) and
  {r["satudata_xlsx"]["inspect_s"]:.2f} s (XLSX: the whole sheet, parsed once for both steps).
""".strip()


if __name__ == "__main__":
    main()
