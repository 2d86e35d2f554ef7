import json

import openpyxl
import pytest

from satudata.engines.text import posts_io

MAPPING = {"text": "isi", "time": "waktu", "author": "akun", "likes": "suka", "id": "no"}


def test_a_csv_export_is_read_into_the_layout(tmp_path):
    path = tmp_path / "lapor.csv"
    path.write_text(
        "no,isi,waktu,akun,suka\n"
        '007,Jalan rusak di Cibodas,2025-03-01 08:15,@warga1,"1.204"\n'
        "008,,2025-03-01 09:00,@warga2,3\n"
        "009,Sampah menumpuk,01/03/2025 10:30,@warga3,x\n"
        "010,Lampu PJU mati,kemarin,@warga4,2\n"
        "011,Pohon tumbang,2025-03-02T07:00:00.123456+07:00,@warga5,0\n",
        encoding="utf-8",
    )
    found = posts_io.read(path, "lapor.csv", MAPPING)
    rows = found.table.to_pylist()
    assert [r["id"] for r in rows] == ["007", "009", "010", "011"]
    assert rows[3]["time"].isoformat() == "2025-03-02T07:00:00"
    assert rows[0]["likes"] == 1204 and rows[1]["likes"] == 0
    assert rows[0]["time"].isoformat() == "2025-03-01T08:15:00"
    assert rows[1]["time"].isoformat() == "2025-03-01T10:30:00"
    assert rows[2]["time"] is None
    assert found.skipped == 1 and found.bad_times == 1
    assert found.warnings[0].params == {"count": 1}


def test_json_lines_with_nested_paths(tmp_path):
    path = tmp_path / "medsos.jsonl"
    lines = [
        {
            "id": 1,
            "full_text": "Banjir lagi di Periuk",
            "user": {"screen_name": "a"},
            "created": 1740787200,
        },
        {"id": 2, "full_text": "Terima kasih pemkot", "user": {"screen_name": "b"}},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    shown = posts_io.preview(path, "medsos.jsonl")
    assert "user.screen_name" in shown.columns and shown.total == 2
    found = posts_io.read(
        path, "medsos.jsonl", {"text": "full_text", "author": "user.screen_name", "time": "created"}
    )
    rows = found.table.to_pylist()
    assert rows[0]["author"] == "a" and rows[0]["time"].year == 2025
    assert rows[0]["id"] == "1"


def test_a_json_array_and_an_xlsx_export(tmp_path):
    array = tmp_path / "berita.json"
    array.write_text(json.dumps([{"judul": "Pasar baru dibuka"}]), encoding="utf-8")
    assert posts_io.read(array, "berita.json", {"text": "judul"}).table.num_rows == 1
    book = openpyxl.Workbook()
    book.active.append(["Isi Aduan", "Tanggal"])
    book.active.append(["Air PDAM keruh", "2025-02-03"])
    workbook = tmp_path / "aduan.xlsx"
    book.save(workbook)
    rows = posts_io.read(workbook, "aduan.xlsx", {"text": "Isi Aduan", "time": "Tanggal"}).table
    assert rows.to_pylist()[0]["text"] == "Air PDAM keruh"


def test_a_wrong_mapping_names_the_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(posts_io.ReadError) as error:
        posts_io.read(path, "x.csv", {"text": "isi"})
    assert error.value.params == {"column": "isi", "columns": "a, b"}
    with pytest.raises(posts_io.ReadError):
        posts_io.read(path, "x.csv", {"time": "a"})
    with pytest.raises(posts_io.ReadError):
        posts_io.kind_of("x.pdf")
    broken = tmp_path / "y.jsonl"
    broken.write_text("{not json}\n", encoding="utf-8")
    with pytest.raises(posts_io.ReadError):
        posts_io.preview(broken, "y.jsonl")
