import hashlib
import json

import pyarrow.parquet as pq
import pytest

from satudata.engines.tabular import FieldType, Role, checks, ingest, inspect, store
from satudata.engines.tabular.infer import Guess
from satudata.engines.tabular.plan import Column

CSV = "kode_wilayah;kecamatan;penduduk;luas\n" + "".join(
    f"36.71.{i:02d};Kecamatan {i};{i * 1000};{i},5\n" for i in range(1, 14)
)


def test_version_is_parquet_with_types_stats_and_checksum(write_csv, options, tmp_path):
    target = tmp_path / "versions" / "v1.parquet"
    result = ingest(write_csv(CSV), target, options=options)
    assert result.ok and result.path == target
    assert result.checksum == hashlib.sha256(target.read_bytes()).hexdigest()
    assert result.size == target.stat().st_size
    parquet = pq.ParquetFile(target)
    assert parquet.metadata.row_group(0).column(0).compression == "ZSTD"
    schema = parquet.schema_arrow
    assert [str(schema.field(n).type) for n in schema.names] == [
        "string",
        "string",
        "int64",
        "double",
    ]
    stored = json.loads(parquet.metadata.metadata[b"satudata_fields"])
    assert stored[0] == {
        "name": "kode_wilayah",
        "title": "kode_wilayah",
        "type": "string",
        "role": "kode_wilayah",
    }
    penduduk = result.fields[2]
    assert (penduduk.min, penduduk.max, penduduk.null_count) == (1000, 13000, 0)
    assert penduduk.distinct_count == 13
    assert result.fields[0].role is Role.KODE_WILAYAH
    assert result.row_count == 13
    assert result.preview[0] == {
        "kode_wilayah": "36.71.01",
        "kecamatan": "Kecamatan 1",
        "penduduk": 1000,
        "luas": 1.5,
    }
    assert list(target.parent.iterdir()) == [target]


def test_progress_is_reported_in_order(write_csv, options, tmp_path):
    seen = []
    ingest(
        write_csv(CSV),
        tmp_path / "v.parquet",
        options=options,
        progress=lambda fraction, message: seen.append((fraction, message)),
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for _, m in seen)


def test_no_file_is_left_when_writing_fails(write_csv, options, tmp_path, monkeypatch):
    target = tmp_path / "out" / "v.parquet"

    def broken(con, select, path, fields):
        path.write_bytes(b"PAR1 half written")
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "copy_parquet", broken)
    with pytest.raises(RuntimeError):
        ingest(write_csv(CSV), target, options=options)
    assert list(target.parent.iterdir()) == []


def test_a_file_with_errors_writes_no_version(write_csv, options, tmp_path):
    target = tmp_path / "out" / "v.parquet"
    bad = write_csv("jumlah\n" + "".join(f"{i}\n" for i in range(10)) + "sebelas\n", name="b.csv")
    failed = ingest(bad, target, options=options)
    assert not failed.ok and failed.path is None and failed.row_count == 11
    assert failed.preview[0] == {"jumlah": 0}
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_an_existing_file_is_replaced_only_on_success(write_csv, options, tmp_path):
    target = tmp_path / "v.parquet"
    target.write_bytes(b"old")
    bad = write_csv("jumlah\n" + "".join(f"{i}\n" for i in range(10)) + "sebelas\n", name="b.csv")
    failed = ingest(bad, target, options=options)
    assert not failed.ok and failed.path is None
    assert target.read_bytes() == b"old"
    result = ingest(write_csv(CSV), target, options=options)
    assert result.ok and pq.read_table(target).num_rows == 13
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".csv") == ["v.parquet"]


def test_inspect_writes_nothing_and_previews_twenty_rows(write_csv, options, tmp_path):
    rows = "".join(f"{i};{i},25;{'ya' if i % 2 else 'tidak'}\n" for i in range(40))
    seen = inspect(write_csv("no;nilai;aktif\n" + rows), options=options)
    assert len(seen.preview) == 20
    assert [f.type for f in seen.fields] == [FieldType.INTEGER, FieldType.NUMBER, FieldType.BOOLEAN]
    assert seen.preview[3] == {"no": 3, "nilai": 3.25, "aktif": True}
    assert seen.source.format == "csv" and seen.source.encoding == "utf-8"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


def test_distinct_counts_of_a_large_table(write_csv, options, tmp_path):
    """Exact where values repeat early or turn out few; an estimate, never above the filled
    cells, for a column of all-different values. (Synthetic rows, generated here.)"""
    rows = 120_000
    lines = ["no;kelurahan;kode;catatan"]
    for i in range(rows):
        note = f"catatan {i}" if i % 2 else ""
        lines.append(f"{i};Kelurahan {i % 104};K{i % 30_000:05d};{note}")
    result = ingest(write_csv("\n".join(lines) + "\n"), tmp_path / "v.parquet", options=options)
    assert result.ok and result.row_count == rows
    no, kelurahan, kode, note = result.fields
    assert (kelurahan.distinct_count, kode.distinct_count) == (104, 30_000)
    assert 0.9 * rows <= no.distinct_count <= rows
    assert 0.9 * rows / 2 <= note.distinct_count <= rows / 2 == rows - note.null_count


def test_an_estimate_above_the_filled_cells_is_cut_to_them():
    column = Column(0, "no", "no", FieldType.INTEGER, Guess(FieldType.INTEGER))
    (field,) = checks._fields([column], 120, [100, 1, 120], [107])
    assert (field.distinct_count, field.null_count, field.min, field.max) == (100, 20, 1, 120)
