"""The Big Data text pipeline: posts and complaints read from Parquet, masked, tagged and
classified, written to Parquet, and aggregated into the table a catalogue publishes.

`run` streams the source in batches (memory stays bounded however many posts there are). Each
post's identifiers are masked (`mask`), its author replaced by a keyed pseudonym, its masked
text normalised, tagged with its language, compared with the earlier posts (`dedupe`), given a
sentiment, a topic and the kode wilayah of the places it names (`places`). The output keeps the
masked text only: the raw text and author never leave the source file, which stays tertutup.
`aggregate` counts the posts (duplicates left out) and their sentiments per period, topic and
kecamatan or kelurahan with DuckDB."""

# ruff: noqa: S608 (the SQL is built from checked names and quoted paths only)

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from satudata.engines.duck import connect
from satudata.engines.text.dedupe import TABLE_BITS, Deduper
from satudata.engines.text.informal import normalise
from satudata.engines.text.language import detect
from satudata.engines.text.mask import author_hash, mask
from satudata.engines.text.places import Gazetteer, best
from satudata.engines.text.topics import TopicClassifier


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


REQUIRED = ("id", "text")
OPTIONAL = ("time", "author", "url", "channel", "place", "likes", "shares")
GRAINS = ("day", "week", "month", "quarter", "year")
LEVELS = {"kecamatan": "kode_kecamatan", "kelurahan": "kode_kelurahan"}
SENTIMENTS = ("negatif", "netral", "positif")
KECAMATAN_PARTS = 3
KELURAHAN_PARTS = 4
OUTPUT = pa.schema(
    [
        ("id", pa.string()),
        ("time", pa.timestamp("us")),
        ("url", pa.string()),
        ("channel", pa.string()),
        ("place", pa.string()),
        ("likes", pa.int64()),
        ("shares", pa.int64()),
        ("text_masked", pa.string()),
        ("author_hash", pa.string()),
        ("language", pa.string()),
        ("duplicate_of", pa.string()),
        ("sentiment", pa.string()),
        ("sentiment_confidence", pa.float32()),
        ("topic", pa.string()),
        ("topic_confidence", pa.float32()),
        ("kode_wilayah", pa.string()),
        ("kode_kecamatan", pa.string()),
        ("kode_kelurahan", pa.string()),
    ]
)


class PipelineError(ValueError):
    """A source the pipeline cannot read; `message` is a msgid, its values in `params`."""

    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


class SentimentPrediction(Protocol):
    label: str
    confidence: float


class SentimentPredictor(Protocol):
    """Anything that gives each text a sentiment label (negatif, netral, positif) and its
    confidence."""

    def predict(self, texts: list[str]) -> Sequence[SentimentPrediction]: ...


@dataclass(frozen=True, slots=True)
class PipelineStats:
    """What a run did: rows written, duplicates found, posts per language, identifiers masked
    per kind and the time taken."""

    rows: int
    duplicates: int
    per_language: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    posts_per_second: float = 0.0
    masked: dict[str, int] = field(default_factory=dict)


def _level(kode: str | None, parts: int) -> str | None:
    if kode is None or kode.count(".") + 1 < parts:
        return None
    return ".".join(kode.split(".")[:parts])


def _process(
    batch: pa.RecordBatch,
    *,
    key: bytes,
    sentiment: SentimentPredictor,
    topics: TopicClassifier,
    gazetteer: Gazetteer,
    deduper: Deduper,
    masked_kinds: Counter[str],
) -> pa.RecordBatch:
    columns = batch.schema.names
    count = batch.num_rows

    def column(name: str) -> list[object]:
        return batch.column(name).to_pylist() if name in columns else [None] * count

    ids = [str(value) for value in column("id")]
    texts = [str(value or "") for value in column("text")]
    found = [mask(text, key) for text in texts]
    for item in found:
        masked_kinds.update(item.counts)
    masked = [item.text for item in found]
    places = [None if p is None else mask(str(p), key).text for p in column("place")]
    authors = [None if a is None else author_hash(str(a), key) for a in column("author")]
    plain = [normalise(text) for text in masked]
    languages = [detect(text) for text in plain]
    duplicates = deduper.find_duplicates(ids, plain)
    feelings = sentiment.predict(plain)
    guesses = topics.classify(plain)
    codes: list[str | None] = []
    for text, place in zip(plain, places, strict=True):
        mentions = gazetteer.find(normalise(place)) if place else []
        codes.append(best(mentions) or best(gazetteer.find(text)))
    times = column("time")
    return pa.RecordBatch.from_pydict(
        {
            "id": ids,
            "time": times,
            "url": column("url"),
            "channel": column("channel"),
            "place": places,
            "likes": column("likes"),
            "shares": column("shares"),
            "text_masked": masked,
            "author_hash": authors,
            "language": languages,
            "duplicate_of": duplicates,
            "sentiment": [f.label for f in feelings],
            "sentiment_confidence": [float(f.confidence) for f in feelings],
            "topic": [g.topic for g in guesses],
            "topic_confidence": [g.confidence for g in guesses],
            "kode_wilayah": codes,
            "kode_kecamatan": [_level(c, KECAMATAN_PARTS) for c in codes],
            "kode_kelurahan": [_level(c, KELURAHAN_PARTS) for c in codes],
        },
        schema=OUTPUT,
    )


def table_bits(rows: int) -> int:
    """Slots of the deduper's band tables: about four per post, between 2^12 and 2^22, so a
    small upload does not reserve the memory of a million posts."""
    return min(TABLE_BITS, max(12, (4 * rows).bit_length()))


def run(
    source: Path,
    target: Path,
    *,
    key: bytes,
    sentiment: SentimentPredictor,
    topics: TopicClassifier,
    gazetteer: Gazetteer,
    batch_size: int = 20_000,
) -> PipelineStats:
    """Process the posts of the Parquet file `source` into the Parquet file `target`."""
    started = time.perf_counter()
    reader = pq.ParquetFile(source)
    names = reader.schema_arrow.names
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise PipelineError(
            N_("The posts file has no column %(columns)s."), columns=", ".join(missing)
        )
    wanted = [name for name in (*REQUIRED, *OPTIONAL) if name in names]
    deduper = Deduper(table_bits=table_bits(reader.metadata.num_rows))
    rows = duplicates = 0
    per_language: Counter[str] = Counter()
    masked_kinds: Counter[str] = Counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(target, OUTPUT, compression="zstd") as writer:
        for batch in reader.iter_batches(batch_size=batch_size, columns=wanted):
            done = _process(
                batch,
                key=key,
                sentiment=sentiment,
                topics=topics,
                gazetteer=gazetteer,
                deduper=deduper,
                masked_kinds=masked_kinds,
            )
            writer.write_batch(done)
            rows += done.num_rows
            duplicates += done.num_rows - done.column("duplicate_of").null_count
            per_language.update(done.column("language").to_pylist())
    seconds = time.perf_counter() - started
    return PipelineStats(
        rows,
        duplicates,
        dict(sorted(per_language.items())),
        round(seconds, 3),
        round(rows / seconds, 1) if seconds else 0.0,
        dict(sorted(masked_kinds.items())),
    )


def aggregate(target: Path, out: Path, grain: str = "month", level: str = "kecamatan") -> Path:
    """Write to `out` the number of posts (duplicates left out) and of each sentiment per
    period, topic and kecamatan (or kelurahan) of the pipeline output `target`."""
    if grain not in GRAINS:
        raise PipelineError(N_("Unknown period %(grain)s."), grain=grain)
    if level not in LEVELS:
        raise PipelineError(N_("Unknown area level %(level)s."), level=level)
    area = LEVELS[level]
    counts = ", ".join(
        f"count(*) FILTER (WHERE sentiment = '{label}') AS {label}" for label in SENTIMENTS
    )
    source = str(target).replace("'", "''")
    destination = str(out).replace("'", "''")
    out.parent.mkdir(parents=True, exist_ok=True)
    con = connect()
    try:
        con.execute(
            f"""
            COPY (
                SELECT CAST(date_trunc('{grain}', time) AS DATE) AS periode,
                       {area} AS kode_wilayah, topic,
                       count(*) AS jumlah, {counts}
                FROM read_parquet('{source}')
                WHERE duplicate_of IS NULL
                GROUP BY ALL
                ORDER BY periode, kode_wilayah NULLS LAST, topic
            ) TO '{destination}' (FORMAT parquet, COMPRESSION zstd)
            """
        )
    finally:
        con.close()
    return out
