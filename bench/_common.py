"""Helpers shared by the benchmark scripts: machine facts, child processes that report their own
time and peak memory, and the results section of docs/benchmarks.md."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
DOC_INTRO = """# Benchmarks

Each figure comes from a script under `bench/` that anyone can run on their own machine; the
numbers below are the last run recorded in `bench/results/*.json`. `make bench` runs every script
in its quick `--small` mode; `make bench-full` runs the sizes quoted here. The data are synthetic
and generated from a fixed seed.
"""


def machine() -> dict[str, Any]:
    packages = ["duckdb", "polars", "pyarrow", "fastexcel", "xlsxwriter", "frictionless"]
    versions = {}
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "memory_gb": _memory_gb(),
        "versions": versions,
    }


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None
    return None


def run_child(args: list[str], timeout: float = 3600) -> dict[str, Any]:
    """Run `python <args>` whose last stdout line is a JSON report; return that report."""
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_of(reports: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in reports)


def write_section(title: str, body: str) -> None:
    """Replace (or append) the `## <title>` section of docs/benchmarks.md."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else DOC_INTRO
    heading = f"## {title}"
    start = text.find(heading)
    section = f"{heading}\n\n{body.strip()}\n"
    if start == -1:
        text = text.rstrip() + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("" if end == -1 else text[end:])
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
