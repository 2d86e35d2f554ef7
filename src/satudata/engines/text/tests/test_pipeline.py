import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from satudata.engines.text.pipeline import PipelineError, aggregate, run
from satudata.engines.text.places import Gazetteer
from satudata.engines.text.topics import TopicClassifier


@dataclass(frozen=True)
class Feeling:
    label: str
    confidence: float


class Keywords:
    def predict(self, texts: list[str]) -> list[Feeling]:
        return [Feeling("negatif" if "rusak" in t else "positif", 0.9) for t in texts]


GAZETTEER = Gazetteer(
    [("36.71.01.1007", "Sukasari", "kelurahan"), ("36.71.09", "Cibodas", "kecamatan")]
)
POSTS = {
    "id": ["1", "2", "3", "4"],
    "text": [
        "Jalan rusak di kel. Sukasari, hub 081234567890",
        "Jalan rusak di kel. Sukasari, hub 081234567890",
        "Taman bagus @budi_s 😊",
        "Jalan rusak lagi",
    ],
    "time": [dt.datetime(2024, 1, 5), dt.datetime(2024, 1, 6), dt.datetime(2024, 2, 1), None],
    "author": ["ani", "ani", "budi", "cici"],
    "place": [None, None, "kec. Cibodas", None],
    "likes": [1, 2, 3, 4],
}


def test_run_and_aggregate(tmp_path: Path) -> None:
    source, target = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(pa.table(POSTS), source)
    stats = run(
        source,
        target,
        key=b"k",
        sentiment=Keywords(),
        topics=TopicClassifier(),
        gazetteer=GAZETTEER,
        batch_size=2,
    )
    assert (stats.rows, stats.duplicates, stats.per_language) == (4, 1, {"id": 4})
    assert stats.masked == {"pengguna": 1, "telepon": 2}
    out = pq.read_table(target)
    assert "text" not in out.column_names and "author" not in out.column_names
    rows = out.to_pylist()
    assert "081234567890" not in rows[0]["text_masked"] and "@budi" not in rows[2]["text_masked"]
    assert rows[1]["duplicate_of"] == "1" and rows[0]["duplicate_of"] is None
    assert rows[0]["author_hash"] == rows[1]["author_hash"] != rows[2]["author_hash"]
    assert [r["kode_wilayah"] for r in rows] == ["36.71.01.1007", "36.71.01.1007", "36.71.09", None]
    assert rows[0]["kode_kecamatan"] == "36.71.01" and rows[2]["kode_kelurahan"] is None
    assert [r["topic"] for r in rows][:2] == ["jalan", "jalan"]
    assert rows[2]["sentiment"] == "positif"
    table = pq.read_table(aggregate(target, tmp_path / "agg.parquet")).to_pylist()
    january = [r for r in table if r["periode"] == dt.date(2024, 1, 1)]
    assert january == [
        {
            "periode": dt.date(2024, 1, 1),
            "kode_wilayah": "36.71.01",
            "topic": "jalan",
            "jumlah": 1,
            "negatif": 1,
            "netral": 0,
            "positif": 0,
        }
    ]
    with pytest.raises(PipelineError):
        aggregate(target, tmp_path / "x.parquet", grain="decade")


def test_missing_text_column(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["1"]}), source)
    with pytest.raises(PipelineError, match="text"):
        run(
            source,
            tmp_path / "out.parquet",
            key=b"k",
            sentiment=Keywords(),
            topics=TopicClassifier(),
            gazetteer=GAZETTEER,
        )


def test_the_deduper_tables_grow_with_the_upload():
    from satudata.engines.text.pipeline import table_bits

    assert table_bits(10) == 12
    assert table_bits(100_000) == 19
    assert table_bits(5_000_000) == 22
