"""Synthetic public posts ("data sintetis") for the demo and the benchmark of the Big Data module.

Complaints and praise about city services built from templates, naming the kecamatan and
kelurahan given, with slang, emoji, phone numbers, @handles and NIK written in, and exact (5 %)
and near duplicates (5 %, a word or emoji added) at known rates. Every post is made up by this
code from a fixed seed; nothing here is a real person's post."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SEED = 20240901
EXACT_RATE = 0.05
NEAR_RATE = 0.05
COMPLAINTS = [
    ("jalan", "jalan di {place} rusak parah bangeeet, {slang} ada yg perbaiki {emoji}"),
    ("jalan", "jln {street} berlubang gede, udh {n} bulan {slang} diaspal @pemkot_tng"),
    ("banjir_drainase", "banjir lagi di kel. {kel}, got mampet {slang} dibersihin {emoji}"),
    ("banjir_drainase", "tiap hujan {place} tergenang, drainase {slang} berfungsi tolong"),
    ("sampah", "sampah numpuk di {place} udh {n} hari blm diangkut, bau bgt {emoji}"),
    ("air_bersih", "air pdam di {place} keruh dan mati {n} hari, hub 08{phone}"),
    ("kesehatan", "antrian puskesmas {place} lama bgt, dokter {slang} ada {emoji}"),
    ("pendidikan", "ppdb zonasi bikin anak sy gak dapet sekolah di kec. {kec}"),
    ("adminduk", "ktp elektronik sdh {n} bulan blm jadi di dukcapil, NIK {nik}"),
    ("transportasi_macet", "macet parah di {street} tiap pagi, lampu merah {slang} diatur"),
    ("bansos", "bansos di {place} gak tepat sasaran, tetangga sy yg mampu dapet {emoji}"),
    ("keamanan", "ada begal di {place} semalem, warga takut keluar {emoji}"),
    ("perizinan", "urus izin usaha di kec. {kec} ribet, {slang} jelas syaratnya"),
    ("listrik_pju", "lampu pju di {street} mati, gelap bgt rawan {emoji}"),
    ("lingkungan", "pohon tumbang di {place} blm ditangani, polusi asap juga"),
]
PRAISE = [
    ("jalan", "mantap jalan di {place} udh mulus skrg, makasih pemkot {happy}"),
    ("sampah", "petugas kebersihan {place} rajin bgt, sampah diangkut tiap hari {happy}"),
    ("kesehatan", "pelayanan puskesmas {place} cepat dan ramah, keren {happy}"),
    ("banjir_drainase", "gorong2 di kel. {kel} sdh dibersihkan, gak banjir lg {happy}"),
]
SLANG = ["gak", "ga", "nggak", "tdk", "blm", "kagak"]
ANGRY = ["😡", "😠", "🤬", "😭", "", "!!!"]
HAPPY = ["😊", "👍", "🙏", "😍", ""]
STREETS = ["jl. daan mogot", "jl. gatot subroto", "jl. mh thamrin", "jl. imam bonjol"]
OPENERS = [
    "",
    "min,",
    "pak wali,",
    "tolong dong",
    "lapor",
    "mohon perhatian",
    "halo admin",
    "warga sini mau lapor",
    "sekedar info",
    "parah nih",
    "duh",
    "assalamualaikum",
]
CLOSERS = [
    "",
    "makasih",
    "mohon ditindaklanjuti",
    "sudah lapor berkali2",
    "kapan dong",
    "tolong segera",
    "jangan cuma janji",
    "semoga cepat",
    "kasihan warga",
    "gimana ini",
]
CHANNELS = ["twitter", "instagram", "facebook", "lapor", "berita"]


SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        ("time", pa.timestamp("us")),
        ("author", pa.string()),
        ("url", pa.string()),
        ("channel", pa.string()),
        ("place", pa.string()),
        ("likes", pa.int64()),
        ("shares", pa.int64()),
    ]
)


def _text(rng: random.Random, area: dict[str, str], negative_share: float, topic: str = "") -> str:
    pool = PRAISE if rng.random() >= negative_share else COMPLAINTS
    if topic:
        pool = [item for item in pool if item[0] == topic] or pool
    _, template = rng.choice(pool)
    text = template.format(
        place=rng.choice([area["nama"], "kel. " + area["nama"], "kec. " + area["nama_kec"]]),
        kel=area["nama"],
        kec=area["nama_kec"],
        street=rng.choice(STREETS),
        slang=rng.choice(SLANG),
        emoji=rng.choice(ANGRY),
        happy=rng.choice(HAPPY),
        n=rng.randint(2, 30),
        phone=f"{rng.randint(10**9, 10**10 - 1)}",
        nik=f"3671{rng.randint(10**11, 10**12 - 1)}",
    )
    return (
        f"{rng.choice(OPENERS)} {text}, rt {rng.randint(1, 20):02d} "
        f"rw {rng.randint(1, 15):02d} {rng.choice(CLOSERS)}"
    )


def posts(
    kelurahan: Sequence[dict[str, str]],
    count: int,
    *,
    start: dt.datetime = dt.datetime(2024, 1, 1),
    days: int = 365,
    negative_share: float = 0.8,
    seed: int = SEED,
) -> pa.Table:
    """`count` posts over `days` from `start` about the `kelurahan` (dicts with kode, nama,
    kode_kec and nama_kec), as an Arrow table of `SCHEMA`."""
    rng = random.Random(seed)
    rows: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    made: list[str] = []
    for n in range(count):
        draw = rng.random()
        if made and draw < EXACT_RATE:
            text = rng.choice(made[-5000:])
        elif made and draw < EXACT_RATE + NEAR_RATE:
            text = rng.choice(made[-5000:]) + rng.choice(
                [" tolong", " #tangerang", " 😡😡", " min"]
            )
        else:
            text = _text(rng, rng.choice(kelurahan), negative_share)
            made.append(text)
        rows["id"].append(f"p{n}")
        rows["text"].append(text)
        rows["time"].append(start + dt.timedelta(minutes=rng.randint(0, days * 1440 - 1)))
        rows["author"].append(f"@warga{rng.randint(1, count // 5 + 1)}")
        rows["url"].append(f"https://example.org/p/{n}")
        rows["channel"].append(rng.choice(CHANNELS))
        rows["place"].append(None)
        rows["likes"].append(rng.randint(0, 500))
        rows["shares"].append(rng.randint(0, 50))
    return pa.table(rows, schema=SCHEMA)


def spike(
    area: dict[str, str], topic: str, week: dt.datetime, count: int, *, seed: int = SEED
) -> pa.Table:
    """`count` negative posts on `topic` in one kelurahan within the week from `week`."""
    rng = random.Random(seed + 1)
    texts = [_text(rng, area, 1.0, topic) for _ in range(count)]
    return pa.table(
        {
            "id": [f"s{n}" for n in range(count)],
            "text": texts,
            "time": [week + dt.timedelta(minutes=rng.randint(0, 7 * 1440 - 1)) for _ in texts],
            "author": [f"@warga_s{rng.randint(1, 400)}" for _ in texts],
            "url": [f"https://example.org/s/{n}" for n in range(count)],
            "channel": ["lapor"] * count,
            "place": [None] * count,
            "likes": [rng.randint(0, 50) for _ in texts],
            "shares": [rng.randint(0, 10) for _ in texts],
        },
        schema=SCHEMA,
    )


def write(path: Path, kelurahan: Sequence[dict[str, str]], count: int, chunk: int = 50_000) -> None:
    """`count` posts written to the Parquet file `path` in chunks (for large benchmarks)."""
    with pq.ParquetWriter(path, SCHEMA) as writer:
        for low in range(0, count, chunk):
            size = min(chunk, count - low)
            table = posts(kelurahan, size, seed=SEED + low)
            ids = pa.array([f"p{low + n}" for n in range(size)])
            writer.write_table(table.set_column(0, "id", ids))
