"""Big Data text pipeline benchmark: posts per second and peak memory of `pipeline.run`.

    python bench/text_pipeline.py            # 1,000,000 posts
    python bench/text_pipeline.py --small    # 50,000 posts

Generates a synthetic post set ("data sintetis", made by this script from a fixed seed):
complaints and praise about city services built from templates, naming the kecamatan and
kelurahan of Kota Tangerang, with slang, emoji, phone numbers, @handles and NIK written in, and
exact duplicates (5 %) and near duplicates (5 %, a word or emoji added) at known rates. The
pipeline then runs in this process over the Parquet file; wall time and peak memory
(ru_maxrss) are measured around it. The sentiment step uses
`satudata.engines.text.sentiment.load_default()` when that module exists, else a predictor
that answers "netral" for every post (reported as "without sentiment"). Writes
bench/results/text_pipeline.json and the "Big Data pipeline" section of docs/benchmarks.md."""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from _common import RESULTS, ROOT, machine, write_section

from satudata.engines.text import synthetic
from satudata.engines.text.pipeline import aggregate, run
from satudata.engines.text.places import Gazetteer
from satudata.engines.text.topics import TopicClassifier

KELURAHAN = ROOT.parent / "shared" / "data" / "boundaries" / "kota_tangerang_kelurahan.geojson"
GOAL_RATE = 500
GOAL_MEMORY_MB = 4096


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float


class NeutralPredictor:
    """Every post "netral": the pipeline measured without a sentiment model."""

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [Prediction("netral", 0.0)] * len(texts)


def areas() -> list[dict[str, str]]:
    return [f["properties"] for f in json.loads(KELURAHAN.read_text())["features"]]


def gazetteer(kelurahan: list[dict[str, str]]) -> Gazetteer:
    entries: list[tuple[str, str, str]] = [(p["kode"], p["nama"], "kelurahan") for p in kelurahan]
    entries += sorted({(p["kode_kec"], p["nama_kec"], "kecamatan") for p in kelurahan})
    entries += [
        ("36.71.02", "Jalan Daan Mogot", "jalan"),
        ("36.71.01", "Jalan Gatot Subroto", "jalan"),
        ("36.71.01.1005", "Jalan MH Thamrin", "jalan"),
        ("36.71.01", "Jalan Imam Bonjol", "jalan"),
    ]
    return Gazetteer(entries)


def generate(path: Path, count: int) -> None:
    """Write `count` synthetic posts ("data sintetis") to the Parquet file `path`."""
    synthetic.write(path, areas(), count)


def sentiment_model() -> tuple[Any, str]:
    if importlib.util.find_spec("satudata.engines.text.sentiment") is None:
        return NeutralPredictor(), "without sentiment: no sentiment module, every post netral"
    from satudata.engines.text import sentiment  # type: ignore[attr-defined]

    try:
        return sentiment.load_default(), "with sentiment.load_default()"
    except ValueError as error:
        return (
            NeutralPredictor(),
            f"without sentiment: load_default failed, every post netral ({error})",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    count = 50_000 if args.small else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "posts.parquet", Path(folder) / "out.parquet"
        generate(source, count)
        model, how = sentiment_model()
        topics, places = TopicClassifier(), gazetteer(areas())
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stats = run(
            source, target, key=b"bench-key", sentiment=model, topics=topics, gazetteer=places
        )
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        table = aggregate(target, Path(folder) / "agg.parquet")
        aggregated = pq.read_metadata(table).num_rows
        resolved = pq.read_table(target, columns=["kode_wilayah"]).column(0).null_count
    report = {
        "posts": count,
        "sentiment": how,
        "rows": stats.rows,
        "duplicates": stats.duplicates,
        "duplicates_planted_at_most": round(count * (synthetic.EXACT_RATE + synthetic.NEAR_RATE)),
        "per_language": stats.per_language,
        "without_kode_wilayah": resolved,
        "aggregate_rows": aggregated,
        "seconds": stats.seconds,
        "posts_per_second": stats.posts_per_second,
        "peak_memory_mb": round(peak_mb, 1),
        "memory_before_run_mb": round(before / 1024, 1),
        "machine": machine(),
    }
    print(json.dumps(report))
    if args.small:
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "text_pipeline.json").write_text(json.dumps(report, indent=2) + "\n")
    rate_met = "met" if stats.posts_per_second >= GOAL_RATE else "NOT met"
    memory_met = "met" if peak_mb < GOAL_MEMORY_MB else "NOT met"
    exact, near = synthetic.EXACT_RATE, synthetic.NEAR_RATE
    write_section(
        "Big Data pipeline",
        f"""Command: `python bench/text_pipeline.py` (one run, in one process; 2 cores shared).

{count:,} synthetic posts ("data sintetis", generated by the script from a fixed seed:
templates of complaints and praise about city services in Kota Tangerang with slang, emoji,
phone numbers, NIK and @handles; {exact:.0%} exact and {near:.0%} near duplicates
planted). Masking, normalisation, language, duplicates, sentiment
({how.split(" (")[0]}), topic and kode wilayah, from Parquet to Parquet in batches of 20,000.

| posts | seconds | posts/s | peak memory (MB) | duplicates found | no kode wilayah |
|---:|---:|---:|---:|---:|---:|
| {count:,} | {stats.seconds} | {stats.posts_per_second} | {peak_mb:.1f} | {stats.duplicates:,} \
| {resolved:,} |

Goals: at least {GOAL_RATE} posts/s on 2 cores ({rate_met}); peak memory under 4 GB
({memory_met}). Peak memory is the process's ru_maxrss, the generated data included.""",
    )


if __name__ == "__main__":
    sys.exit(main())
