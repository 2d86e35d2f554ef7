"""The analysed posts of every finished run, read with DuckDB from their Parquet files: the
dashboard's figures (volume and sentiment per month, per topic and per kecamatan or kelurahan,
the top issues), example posts (masked), and the aggregate table that is published.

Every figure is computed over the filtered posts; only masked text leaves this module, and only
to the Big Data team's pages."""

# SQL here is built from fixed column names; values are bound parameters.
# ruff: noqa: S608

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from satudata.apps.bigdata.models import Run
from satudata.engines import duck
from satudata.engines.text import topics
from satudata.platform import storage

SENTIMENTS = ("negatif", "netral", "positif")
EXAMPLES = 20
LEVEL_DIGITS = {"kecamatan": 8, "kelurahan": 13}


def _literal(path: Path) -> str:
    """A file path as an SQL string literal (COPY and views take no prepared parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def topic_slugs() -> list[str]:
    return list(topics.TOPICS)


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    topic: str = ""
    sentiment: str = ""
    kode: str = ""
    channel: str = ""
    q: str = ""


@dataclass
class Overview:
    total: int = 0
    by_sentiment: dict[str, int] = field(default_factory=dict)
    months: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    topics: list[tuple[str, int, int]] = field(default_factory=list)
    areas: dict[str, tuple[int, int]] = field(default_factory=dict)
    issues: list[tuple[str, str, int, int]] = field(default_factory=list)


def done_runs() -> list[Run]:
    return list(
        Run.objects.filter(status=Run.Status.DONE)
        .exclude(posts_path="")
        .select_related("source")
        .order_by("pk")
    )


def _posts(con: duckdb.DuckDBPyConnection, runs: Sequence[Run]) -> bool:
    """View `posts` over the runs' files, with each post's run; False when there is none."""
    if not runs:
        return False
    files = [str(storage.absolute(r.posts_path)) for r in runs]
    con.execute(
        "CREATE TEMP TABLE run_of AS SELECT * FROM (VALUES "
        + ", ".join("(?, ?)" for _ in runs)
        + ") AS t(file, run_id)",
        [v for r, f in zip(runs, files, strict=True) for v in (f, r.pk)],
    )
    listed = ", ".join(_literal(Path(f)) for f in files)
    con.execute(
        "CREATE TEMP VIEW posts AS SELECT p.*, r.run_id FROM "
        f"read_parquet([{listed}], filename=true, union_by_name=true) p "
        "JOIN run_of r ON p.filename = r.file"
    )
    return True


def _where(filters: Filters) -> tuple[str, list[Any]]:
    parts, params = ["duplicate_of IS NULL"], []
    if filters.start:
        parts.append("time >= ?")
        params.append(filters.start)
    if filters.end:
        parts.append("time < ? + INTERVAL 1 DAY")
        params.append(filters.end)
    for column, value in (
        ("topic", filters.topic),
        ("sentiment", filters.sentiment),
        ("channel", filters.channel),
    ):
        if value:
            parts.append(f"{column} = ?")
            params.append(value)
    if filters.kode:
        parts.append("starts_with(coalesce(kode_wilayah, ''), ?)")
        params.append(filters.kode)
    if filters.q:
        parts.append("contains(lower(text_masked), ?)")
        params.append(filters.q.lower())
    return " AND ".join(parts), params


def overview(filters: Filters, level: str = "kecamatan") -> Overview:
    found = Overview()
    con = duck.connect(threads=2)
    try:
        if not _posts(con, done_runs()):
            return found
        where, params = _where(filters)
        negative = "count(*) FILTER (WHERE sentiment = 'negatif')"
        rows = con.execute(
            f"SELECT sentiment, count(*) FROM posts WHERE {where} GROUP BY 1", params
        ).fetchall()
        found.by_sentiment = {s or "": n for s, n in rows}
        found.total = sum(found.by_sentiment.values())
        months: dict[str, dict[str, int]] = {}
        for month, label, count in con.execute(
            f"SELECT strftime(time, '%Y-%m'), sentiment, count(*) FROM posts "
            f"WHERE {where} AND time IS NOT NULL GROUP BY 1, 2 ORDER BY 1",
            params,
        ).fetchall():
            months.setdefault(month, {})[label] = count
        found.months = sorted(months.items())
        found.topics = con.execute(
            f"SELECT topic, count(*), {negative} FROM posts WHERE {where} "
            "GROUP BY 1 ORDER BY 2 DESC",
            params,
        ).fetchall()
        digits = LEVEL_DIGITS[level]
        area = f"left(kode_wilayah, {digits})"
        found.areas = {
            kode: (count, neg)
            for kode, count, neg in con.execute(
                f"SELECT {area}, count(*), {negative} FROM posts WHERE {where} "
                f"AND length(coalesce(kode_wilayah, '')) >= {digits} GROUP BY 1",
                params,
            ).fetchall()
        }
        found.issues = con.execute(
            f"SELECT topic, left(kode_wilayah, 8), count(*), {negative} AS neg FROM posts "
            f"WHERE {where} AND length(coalesce(kode_wilayah, '')) >= 8 "
            "GROUP BY 1, 2 ORDER BY neg DESC, 3 DESC LIMIT 10",
            params,
        ).fetchall()
        return found
    finally:
        con.close()


def examples(filters: Filters, page: int = 1) -> tuple[list[dict[str, Any]], int]:
    """Masked posts matching `filters`, newest first, and how many match."""
    con = duck.connect(threads=2)
    try:
        if not _posts(con, done_runs()):
            return [], 0
        where, params = _where(filters)
        (count,) = con.execute(f"SELECT count(*) FROM posts WHERE {where}", params).fetchone()
        cursor = con.execute(
            "SELECT id, run_id, time, channel, text_masked, language, sentiment, "
            "sentiment_confidence, topic, topic_confidence, kode_wilayah FROM posts "
            f"WHERE {where} ORDER BY time DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, EXAMPLES, (max(page, 1) - 1) * EXAMPLES],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()], count
    finally:
        con.close()


def weekly_negative(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, date, int]]:
    """Negative posts per topic, kecamatan and week (Monday), for spike detection."""
    if not _posts(con, done_runs()):
        return []
    return con.execute(
        "SELECT topic, left(kode_wilayah, 8), CAST(date_trunc('week', time) AS DATE), count(*) "
        "FROM posts WHERE duplicate_of IS NULL AND sentiment = 'negatif' AND time IS NOT NULL "
        "AND length(coalesce(kode_wilayah, '')) >= 8 GROUP BY 1, 2, 3 ORDER BY 3"
    ).fetchall()


def post_text(run: Run, post_id: str) -> str | None:
    if not run.posts_path:
        return None
    con = duck.connect(threads=1)
    try:
        row = con.execute(
            "SELECT text_masked FROM read_parquet(?) WHERE id = ? LIMIT 1",
            [str(storage.absolute(run.posts_path)), post_id],
        ).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def earlier_posts(run: Run) -> list[Path]:
    """The files of this source's earlier runs, when its mapping names an id column (the same
    post exported twice is then counted once)."""
    if not run.source.mapping.get("id"):
        return []
    earlier = Run.objects.filter(source=run.source, status=Run.Status.DONE).exclude(pk=run.pk)
    return [storage.absolute(r.posts_path) for r in earlier if r.posts_path]


def write_new_posts(table: pa.Table, target: Path, earlier: Sequence[Path], channel: str) -> int:
    """Write the posts of `table` whose id is not in `earlier` files, with their channel; how
    many were written."""
    con = duck.connect(threads=2)
    try:
        con.register("incoming", table)
        query = "SELECT *, ? AS channel FROM incoming"
        params: list[Any] = [channel]
        if earlier:
            query += " WHERE id NOT IN (SELECT id FROM read_parquet(?, union_by_name=true))"
            params.append([str(p) for p in earlier])
        con.execute(f"CREATE TEMP TABLE kept AS {query}", params)
        con.execute(f"COPY kept TO {_literal(target)} (FORMAT parquet)")
        (count,) = con.execute("SELECT count(*) FROM read_parquet(?)", [str(target)]).fetchone()
        return int(count)
    finally:
        con.close()


def aggregate_table(target: Path, city: str) -> int:
    """The published table: posts per month, topic and kecamatan (the city's code for posts
    that name no place) with their sentiment counts, duplicates left out; the rows written."""
    con = duck.connect(threads=2)
    try:
        if not _posts(con, done_runs()):
            return 0
        con.execute(
            "CREATE TEMP TABLE agregat AS SELECT strftime(time, '%Y-%m') AS bulan, CASE WHEN "
            "length(coalesce(kode_wilayah, '')) >= 8 THEN left(kode_wilayah, 8) ELSE ? END AS "
            "kode_wilayah, topic AS topik, count(*) AS jumlah_unggahan, "
            "count(*) FILTER (WHERE sentiment = 'negatif') AS negatif, "
            "count(*) FILTER (WHERE sentiment = 'netral') AS netral, "
            "count(*) FILTER (WHERE sentiment = 'positif') AS positif "
            "FROM posts WHERE duplicate_of IS NULL AND time IS NOT NULL "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            [city],
        )
        con.execute(f"COPY agregat TO {_literal(target)} (FORMAT csv, HEADER true)")
        (count,) = con.execute("SELECT count(*) FROM read_csv(?)", [str(target)]).fetchone()
        return int(count)
    finally:
        con.close()
