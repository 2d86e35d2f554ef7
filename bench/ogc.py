"""OGC API benchmark: satudata's OGC API – Features and Tiles against pygeoapi, same layers.

    python bench/ogc.py            # the 104 kelurahan and 500,000 synthetic parcels
    python bench/ogc.py --small    # the 104 kelurahan and 20,000 parcels (what `make bench` runs)

Builds a throw-away catalog (a temporary SATUDATA_DATA_DIR on SQLite) with two published layers:
Kota Tangerang's 104 kelurahan (the shipped boundaries) and a synthetic parcel layer ("data
sintetis": a seeded grid of small quadrilaterals over the city, with a parcel code, land use
and area), both read by satudata's own layer ingest (timed). pygeoapi (its Parquet provider)
serves the same features from GeoParquet files written from satudata's versions, in the same
order, with their bounding boxes as columns. Both servers run under gunicorn with the same
workers and threads; 8 client threads drive each in turn (the tiles, also one client):

1. items pages (`limit=10`, random offsets) of the kelurahan and of the parcels;
2. bbox queries (a random box of about 500 m) on the parcels;
3. satudata's vector tiles of the parcels at zoom 12 to 16 (a third as many), each tile asked
   once (uncached): half by one client, which times drawing a tile (the goal), half by 8
   clients, which shows the load; the first tiles each worker draws (at zoom 10) are not timed.

Reports items per second (features returned per second) and p50/p95 latency. Full mode writes
bench/results/ogc.json and the "OGC API" section of docs/benchmarks.md; --small only prints.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import RESULTS, ROOT, machine, write_section
from search import free_port, measure

SEED = 20241207
WORKERS, THREADS, CONCURRENCY = 2, 4, 8
# Requests of each kind before the timed ones, so that every worker has loaded its code and
# opened its files (the first request of a worker takes seconds), on both servers alike.
WARMUP = 100
KOTA = (106.55, -6.26, 106.75, -6.09)
GOAL_RATIO, GOAL_BBOX_MS, GOAL_TILE_MS = 3.0, 200.0, 100.0
USES = ["permukiman", "perdagangan", "industri", "ruang terbuka hijau", "fasilitas umum"]


def build(parcels: int, work: Path) -> dict[str, Any]:
    """Runs in a child process whose environment points at the throw-away data folder."""
    import django

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satudata.config.settings")
    django.setup()
    from django.core.management import call_command

    from satudata.apps.geo.actions import KELURAHAN, do_load_base_layers
    from satudata.engines import duck
    from satudata.platform import storage
    from satudata.platform.testing.factories import (
        make_dataset,
        make_layer_version,
        make_org,
        publish,
    )

    call_command("migrate", verbosity=0)
    do_load_base_layers()
    source = work / "persil.fgb"
    side = math.ceil(math.sqrt(parcels))
    dx, dy = (KOTA[2] - KOTA[0]) / side, (KOTA[3] - KOTA[1]) / side
    rng = random.Random(SEED)
    jitter = [rng.random() for _ in range(64)]
    con = duck.connect(extensions=["spatial"], memory_limit="4GB")
    con.execute(
        f"""COPY (SELECT 'P-' || lpad((i + 1)::VARCHAR, 7, '0') AS kode_persil,
            {USES}[1 + (hash(i) % 5)::INT] AS penggunaan,
            round(60 + (hash(i * 7) % 940)::DOUBLE, 1) AS luas_m2,
            ST_MakeEnvelope(x, y, x + {dx}::DOUBLE * 0.8,
              y + {dy}::DOUBLE * (0.6 + 0.3 * ({jitter}::DOUBLE[])[1 + i % 64])) AS geom
          FROM (SELECT i, {KOTA[0]}::DOUBLE + (i % {side}) * {dx}::DOUBLE AS x,
                       {KOTA[1]}::DOUBLE + (i // {side}) * {dy}::DOUBLE AS y
                FROM range({parcels}) t(i)))
        TO '{source}' WITH (FORMAT GDAL, DRIVER 'FlatGeobuf', SRS 'EPSG:4326')"""
    )
    org = make_org("opd", name="Badan Pertanahan (data sintetis)")
    layers = {}
    timings = {}
    for slug, path in (("kelurahan-bench", KELURAHAN), ("persil", source)):
        dataset = make_dataset(org, published=False, title=slug)
        started = time.perf_counter()
        version = make_layer_version(dataset, path)
        timings[slug] = round(time.perf_counter() - started, 2)
        publish(dataset, version)
        layers[slug] = dataset.slug
        shapes = storage.absolute(version.geo["path"])
        peer = work / f"{slug}.parquet"
        con.execute(
            f"""COPY (SELECT * EXCLUDE (geom, bbox), bbox.xmin AS minx, bbox.ymin AS miny,
                bbox.xmax AS maxx, bbox.ymax AS maxy, geom AS geometry
                FROM read_parquet('{shapes}')) TO '{peer}' (FORMAT parquet, ROW_GROUP_SIZE 8192)"""
        )
    con.close()
    return {"layers": layers, "ingest_s": timings, "parcels": parcels, "side": side}


def pygeoapi_config(work: Path, port: int, layers: dict[str, str]) -> Path:
    import yaml

    resources = {
        dataset: {
            "type": "collection",
            "title": name,
            "description": name,
            "keywords": ["bench"],
            "extents": {
                "spatial": {
                    "bbox": list(KOTA),
                    "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                }
            },
            "links": [],
            "providers": [
                {
                    "type": "feature",
                    "name": "Parquet",
                    "data": {"source": str(work / f"{name}.parquet")},
                    "id_field": "fid",
                    "x_field": ["minx", "maxx"],
                    "y_field": ["miny", "maxy"],
                }
            ],
        }
        for name, dataset in layers.items()
    }
    config = {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": f"http://127.0.0.1:{port}",
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["en-US"],
            "limits": {"default_items": 10, "max_items": 10000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": ""},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "bench",
                "description": "bench",
                "keywords": ["bench"],
                "keywords_type": "theme",
                "terms_of_service": "",
                "url": "http://127.0.0.1",
            },
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "bench", "url": "http://127.0.0.1"},
            "contact": {
                key: "bench"
                for key in (
                    "name",
                    "position",
                    "address",
                    "city",
                    "stateorprovince",
                    "postalcode",
                    "country",
                    "phone",
                    "fax",
                    "email",
                    "url",
                    "hours",
                    "instructions",
                    "role",
                )
            },
        },
        "resources": resources,
    }
    path = work / "pygeoapi.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def gunicorn(app: str, env: dict[str, str], port: int) -> subprocess.Popen:
    import socket

    args = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
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
    raise RuntimeError(f"{app} did not start")


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def workload(layers: dict[str, str], parcels: int, requests: int) -> dict[str, list[str]]:
    rng = random.Random(SEED)
    kel, persil = layers["kelurahan-bench"], layers["persil"]
    boxes = []
    for _ in range(requests):
        x = rng.uniform(KOTA[0], KOTA[2] - 0.005)
        y = rng.uniform(KOTA[1], KOTA[3] - 0.005)
        boxes.append(f"{x:.5f},{y:.5f},{x + 0.005:.5f},{y + 0.005:.5f}")
    tiles: set[tuple[int, int, int]] = set()
    while len(tiles) < max(80, requests // 3):
        z = rng.randint(12, 16)
        x, y = tile_of(rng.uniform(KOTA[0], KOTA[2]), rng.uniform(KOTA[1], KOTA[3]), z)
        tiles.add((z, x, y))
    return {
        "kelurahan": [
            f"/collections/{kel}/items?f=json&limit=10&offset={rng.randrange(0, 95)}"
            for _ in range(requests)
        ],
        "parcels": [
            f"/collections/{persil}/items?f=json&limit=10&offset={rng.randrange(0, parcels - 10)}"
            for _ in range(requests)
        ],
        "bbox": [f"/collections/{persil}/items?f=json&limit=10&bbox={b}" for b in boxes],
        "tiles": [
            f"/ogc/collections/{persil}/tiles/WebMercatorQuad/{z}/{y}/{x}"
            for z, x, y in sorted(tiles, key=lambda t: rng.random())
        ],
        "tile_warmup": [
            f"/ogc/collections/{persil}/tiles/WebMercatorQuad/10/{y}/{x}"
            for x, y in [tile_of(KOTA[0], KOTA[1], 10), tile_of(KOTA[2], KOTA[3], 10)] * 8
        ],
    }


def with_items(result: dict[str, Any], per_request: int = 10) -> dict[str, Any]:
    result["items_per_s"] = round(result["requests_per_s"] * per_request, 1)
    return result


def run(parcels: int, requests: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="satudata-bench-ogc-"))
    env = {
        **os.environ,
        "SATUDATA_DATA_DIR": str(work / "data"),
        "SATUDATA_DEBUG": "false",
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "satudata.config.settings",
        "SATUDATA_API_RATE_ANON": "",
    }
    servers: list[subprocess.Popen] = []
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--build", str(parcels), str(work)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stdout + done.stderr)
        built = json.loads(done.stdout.strip().splitlines()[-1])
        paths = workload(built["layers"], parcels, requests)
        ours_port, peer_port = free_port(), free_port()
        config = pygeoapi_config(work, peer_port, built["layers"])
        openapi = work / "openapi.yml"
        peer_env = {**env, "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)}
        generated = subprocess.run(
            [
                str(Path(sys.executable).with_name("pygeoapi")),
                "openapi",
                "generate",
                str(config),
                "--output-file",
                str(openapi),
            ],
            env=peer_env,
            check=False,
            capture_output=True,
            text=True,
        )
        if not openapi.exists():
            raise RuntimeError(f"pygeoapi openapi generate failed: {generated.stderr[-2000:]}")
        results: dict[str, Any] = {"built": built}
        for name, app, port, prefix, server_env in (
            ("satudata", "satudata.config.wsgi:application", ours_port, "/ogc", env),
            ("pygeoapi", "pygeoapi.flask_app:APP", peer_port, "", peer_env),
        ):
            server = gunicorn(app, server_env, port)
            servers.append(server)
            base = f"http://127.0.0.1:{port}"
            mine: dict[str, Any] = {}
            for kind in ("kelurahan", "parcels", "bbox"):
                urls = [prefix + p for p in paths[kind]]
                measure(base, urls[:WARMUP], CONCURRENCY)
                mine[kind] = with_items(measure(base, urls, CONCURRENCY))
            if name == "satudata":
                measure(base, paths["tile_warmup"], WORKERS * THREADS)
                half = len(paths["tiles"]) // 2
                mine["tiles"] = measure(base, paths["tiles"][:half], 1)
                mine["tiles_loaded"] = measure(base, paths["tiles"][half:], CONCURRENCY)
            results[name] = mine
            server.terminate()
            server.wait(timeout=30)
        return results
    finally:
        for server in servers:
            if server.poll() is None:
                server.terminate()
        shutil.rmtree(work, ignore_errors=True)


def summary(results: dict[str, Any]) -> dict[str, Any]:
    ours, peer = results["satudata"], results["pygeoapi"]
    ratios = {
        kind: round(ours[kind]["items_per_s"] / max(peer[kind]["items_per_s"], 0.1), 2)
        for kind in ("kelurahan", "parcels", "bbox")
    }
    return {
        "items_per_s_ratio": ratios,
        "bbox_p95_ms": ours["bbox"]["p95_ms"],
        "tile_p95_ms": ours["tiles"]["p95_ms"],
        "goals_met": {
            "items_at_least_3x_pygeoapi": all(r >= GOAL_RATIO for r in ratios.values()),
            "bbox_p95_under_200ms": ours["bbox"]["p95_ms"] < GOAL_BBOX_MS,
            "tile_p95_under_100ms": ours["tiles"]["p95_ms"] < GOAL_TILE_MS,
        },
    }


def document(results: dict[str, Any]) -> str:
    s = results["summary"]
    rows = []
    labels = {
        "kelurahan": "items, 104 kelurahan (`limit=10`, random offset)",
        "parcels": f"items, {results['parcels']:,} parcels (`limit=10`, random offset)",
        "bbox": "items, parcels, bbox of about 500 m",
        "tiles": "vector tiles, parcels, z12–16, uncached, one client",
        "tiles_loaded": f"vector tiles, parcels, z12–16, uncached, {CONCURRENCY} clients",
    }
    for kind, label in labels.items():
        for name in ("satudata", "pygeoapi"):
            m = results["results"][name].get(kind)
            if m:
                rows.append(
                    f"| {label} | {name} | {m['p50_ms']} | {m['p95_ms']} | "
                    f"{m['requests_per_s']} | {m.get('items_per_s', '—')} | {m['errors']} |"
                )
    met = s["goals_met"]
    return "\n".join(
        [
            f"Command: `{results['command']}` (`--small`: 20,000 parcels, prints only).",
            f"Recorded {results['date']} on {results['machine']['cpu_count']} CPU cores, "
            f"{results['requests']} requests of each kind; both servers under gunicorn, "
            f"{WORKERS} workers × {THREADS} threads, {CONCURRENCY} client threads on the same "
            f"machine, one server at a time, each warmed by {WARMUP} requests of each kind "
            "before the timed ones. pygeoapi "
            f"{results['versions']['pygeoapi']} serves the same features with its Parquet "
            "provider from GeoParquet files written from satudata's versions (same order, "
            "bounding boxes as columns).",
            f"Ingest of the layers by satudata (s): {results['built']['ingest_s']}.",
            "",
            "| what | server | p50 ms | p95 ms | requests/s | items/s | errors |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            f"- Items per second, satudata ÷ pygeoapi: {s['items_per_s_ratio']} (goal ≥ 3×: "
            f"**{'met' if met['items_at_least_3x_pygeoapi'] else 'not met'}**).",
            f"- bbox queries on the parcels, p95 {s['bbox_p95_ms']} ms (goal < 200 ms: "
            f"**{'met' if met['bbox_p95_under_200ms'] else 'not met'}**).",
            f"- Uncached vector tiles z12–16, one at a time (the time to draw a tile), p95 "
            f"{s['tile_p95_ms']} ms (goal < 100 ms: "
            f"**{'met' if met['tile_p95_under_100ms'] else 'not met'}**).",
            "- The latencies include the client threads sharing the server's two cores. pygeoapi's "
            "bbox keeps the features inside the box; satudata's keeps those that touch it (the "
            "OGC API rule), which returns more.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build(int(args.build[0]), Path(args.build[1]))))
        return
    parcels = 20_000 if args.small else 500_000
    requests = args.requests or (200 if args.small else 1000)
    import pygeoapi

    results = run(parcels, requests)
    record = {
        "benchmark": "ogc",
        "mode": "small" if args.small else "full",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": "python bench/ogc.py"
        + (" --small" if args.small else "")
        + (f" --requests {args.requests}" if args.requests else ""),
        "machine": machine(),
        "versions": {"pygeoapi": pygeoapi.__version__},
        "parcels": parcels,
        "requests": requests,
        "built": results.pop("built"),
        "results": results,
    }
    record["summary"] = summary(results)
    if not args.small:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "ogc.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        write_section("OGC API", document(record))
    print(json.dumps(record["summary"], indent=2))


if __name__ == "__main__":
    main()
