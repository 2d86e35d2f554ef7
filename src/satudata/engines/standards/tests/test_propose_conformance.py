import datetime as dt
from dataclasses import replace

import pyarrow as pa
import pyarrow.parquet as pq

from satudata.engines.standards import StandardField, check_parquet, propose, restore, withhold
from satudata.engines.tabular import Field, FieldSpec, FieldType, Role


def _write(tmp_path, columns):
    path = tmp_path / "v.parquet"
    pq.write_table(pa.table(columns), path)
    return path


def test_propose_infers_ranges_required_enums_and_wilayah_level(tmp_path):
    columns = {
        "kode": ["36.71.01.1001", "36.71.01.1002", "36.71.01.1003", "36.71.01.1001"],
        "jk": ["L", "P", "L", "P"],
        "jumlah": [5, 12, None, 9],
        "tanggal": [dt.date(2024, 1, d) for d in (1, 2, 3, 4)],
        "id": ["a", "b", "c", "d"],
    }
    path = _write(tmp_path, columns)
    fields = [
        Field("kode", "Kode", FieldType.STRING, Role.KODE_WILAYAH, False, 0, 3),
        Field("jk", "Jenis Kelamin", FieldType.STRING, None, False, 0, 2),
        Field("jumlah", "jumlah", FieldType.INTEGER, None, True, 1, 3, 5, 12),
        Field("tanggal", "Tanggal", FieldType.DATE, None, False, 0, 4, "2024-01-01", "2024-01-04"),
        Field("id", "ID", FieldType.STRING, None, False, 0, 4),
    ]
    kode, jk, jumlah, tanggal, ident = propose(path, fields, 4, wilayah_level="kecamatan")
    assert kode.wilayah_level == "desa" and kode.enum is None and kode.required
    assert jk.enum == ("L", "P") and jk.title == "Jenis Kelamin"
    assert (jumlah.required, jumlah.minimum, jumlah.maximum) == (False, 5, 12)
    assert jumlah.title == "Jumlah"
    assert tanggal.minimum == dt.date(2024, 1, 1) and tanggal.maximum == dt.date(2024, 1, 4)
    assert ident.unique and not jk.unique and ident.enum is None


def test_conformance_counts_every_rule_in_one_pass(tmp_path):
    path = _write(
        tmp_path,
        {
            "kode": ["36.71.01.1001", "99.99.99.9999", None, "36.71.01.1001"],
            "jumlah": [5, -1, 700, 9],
            "jk": ["L", "X", "P", "P"],
            "telp": ["0812345678", "12", None, "0219876543"],
            "angka": ["1", "dua", "3", None],
        },
    )
    specs = [
        FieldSpec("kode", required=True, unique=True, codes={"36.71.01.1001"}),
        FieldSpec("jumlah", FieldType.INTEGER, minimum=0, maximum=500),
        FieldSpec("jk", enum=("L", "P")),
        FieldSpec("telp", pattern=r"0\d{9,12}"),
        FieldSpec("angka", FieldType.INTEGER),
        FieldSpec("hilang", required=True),
    ]
    result = check_parquet(path, specs)
    counts = {f.name: f.counts for f in result.fields}
    assert counts == {
        "kode": {"required": 1, "unique": 1, "code_list": 1},
        "jumlah": {"range.min": 1, "range.max": 1},
        "jk": {"enum": 1},
        "telp": {"pattern": 1},
        "angka": {"type": 1},
        "hilang": {"schema.missing_column": 4},
    }
    assert result.rows == 4 and result.total == 12 and not result.ok


def test_a_conforming_version_is_ok(tmp_path):
    path = _write(tmp_path, {"jumlah": [1, 2, 3]})
    result = check_parquet(path, [FieldSpec("jumlah", FieldType.INTEGER, required=True)])
    assert result.ok and result.total == 0


def test_withhold_keeps_values_read_from_the_data_out_and_restore_puts_them_back():
    fields = [
        StandardField("jk", title="Jenis Kelamin", enum=("L", "P")),
        StandardField("jumlah", FieldType.INTEGER, minimum=5, maximum=12, required=True),
        StandardField("tanggal", FieldType.DATE, minimum=dt.date(2024, 1, 1)),
        StandardField("kode", wilayah_level="desa"),
    ]
    kept, drawn = withhold(fields)
    assert all(f.enum is None and f.minimum is None and f.maximum is None for f in kept)
    assert kept[1].required and kept[3].wilayah_level == "desa"
    assert kept[0].title == "Jk"
    assert drawn == {
        "jk": {"title": "Jenis Kelamin", "enum": ["L", "P"]},
        "jumlah": {"minimum": "5", "maximum": "12"},
        "tanggal": {"minimum": "2024-01-01"},
    }
    edited = [kept[0], replace(kept[1], maximum=50), replace(kept[2], type=FieldType.STRING)]
    restored, names = restore(edited, drawn)
    assert restored[0].enum == ("L", "P") and restored[0].title == "Jenis Kelamin"
    assert (restored[1].minimum, restored[1].maximum) == (5, 50)
    assert restored[2].minimum is None
    assert names == ["jk", "jumlah"]
