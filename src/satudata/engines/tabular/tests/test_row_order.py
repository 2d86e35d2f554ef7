"""The typed version keeps the file's row order when DuckDB types it on several threads, so that
problems name the right rows. (Synthetic data, generated here.)"""

from pathlib import Path

from satudata.engines.tabular import FieldSpec, FieldType, Options, ingest

DUCKDB_ROW_GROUP = 122_880  # rows per row group of a DuckDB table: one scan task per group
ROWS = 2 * DUCKDB_ROW_GROUP
EMPTY = range(5, ROWS, 4_999)  # rows with an empty required name, in both row groups


def _write(path: Path) -> Path:
    """Dates written out in words in the first row group only: the thread typing it finishes
    well after the one typing the second, whose rows would then come first."""
    lines = ["no,nama,tanggal"]
    for i in range(ROWS):
        name = "" if i in EMPTY else "Siti Rahma"
        date = "17 Agustus 2024" if i < DUCKDB_ROW_GROUP else ""
        lines.append(f"{i},{name},{date}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_problems_and_version_keep_the_file_order(tmp_path: Path, options: Options) -> None:
    schema = [
        FieldSpec("no", FieldType.INTEGER, required=True),
        FieldSpec("nama", required=True),
        FieldSpec("tanggal", FieldType.DATE),
    ]
    result = ingest(
        _write(tmp_path / "data.csv"), tmp_path / "v.parquet", schema=schema, options=options
    )
    assert result.row_count == ROWS
    required = [p for p in result.problems if p.rule == "required"]
    assert [p.row for p in required] == [i + 2 for i in EMPTY]
    assert [(c.rule, c.column, c.count) for c in result.counts] == [
        ("required", "nama", len(EMPTY))
    ]
    assert [row["no"] for row in result.preview] == list(range(len(result.preview)))
