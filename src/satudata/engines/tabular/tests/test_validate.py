import datetime as dt

import pyarrow.parquet as pq

from satudata.engines.tabular import FieldSpec, FieldType, Options, Severity, ingest

KELURAHAN = {"36.71.01.1001", "36.71.01.1002", "36.71.01.1003"}

SCHEMA = [
    FieldSpec(
        "kode_kelurahan",
        FieldType.STRING,
        title="Kode Kelurahan",
        required=True,
        unique=True,
        codes=KELURAHAN,
    ),
    FieldSpec("jumlah_penduduk", FieldType.INTEGER, required=True, minimum=0, maximum=500_000),
    FieldSpec("tanggal_data", FieldType.DATE, minimum=dt.date(2020, 1, 1)),
    FieldSpec("status", FieldType.STRING, codes={"A": "Aktif", "N": "Nonaktif"}),
    FieldSpec("telepon", FieldType.STRING, pattern=r"0\d{9,12}"),
]


def _upload(write_csv, rows, header="Kode Kelurahan;Jumlah Penduduk;Tanggal Data;Status;Telepon"):
    return write_csv(
        "DATA KELURAHAN\n\n" + header + "\n" + "\n".join(rows) + "\n",
    )


def _by_rule(result):
    return {(p.rule, p.row, p.column): p for p in result.problems}


def test_valid_upload_matches_the_standard(write_csv, options, tmp_path):
    rows = [
        "36.71.01.1001;12.500;01/02/2024;A;081234567890",
        "36.71.01.1002;9.800;02/02/2024;N;0219876543",
    ]
    result = ingest(
        _upload(write_csv, rows), tmp_path / "v.parquet", schema=SCHEMA, options=options
    )
    assert result.ok, result.problems
    assert [f.name for f in result.fields] == [s.name for s in SCHEMA]
    assert [f.nullable for f in result.fields] == [False, False, True, True, True]
    table = pq.read_table(tmp_path / "v.parquet")
    assert table.column_names == [s.name for s in SCHEMA]
    assert table.to_pylist()[0]["jumlah_penduduk"] == 12500


def test_every_rule_is_checked_with_user_row_numbers(write_csv, options, tmp_path):
    rows = [
        "36.71.01.1001;12.500;01/02/2024;A;081234567890",
        "36.71.01.1001;-5;01/02/2019;X;12345",
        "99.99.99.9999;600.000;03/02/2024;N;0219876543",
        ";banyak;04/02/2024;A;0219876544",
    ]
    result = ingest(
        _upload(write_csv, rows), tmp_path / "v.parquet", schema=SCHEMA, options=options
    )
    found = _by_rule(result)
    assert found["unique", 5, "Kode Kelurahan"].params == {"first_row": 4}
    assert found["code_list", 6, "Kode Kelurahan"].value == "99.99.99.9999"
    assert found["required", 7, "Kode Kelurahan"].severity is Severity.ERROR
    assert found["range.min", 5, "Jumlah Penduduk"].value == "-5"
    assert found["range.max", 6, "Jumlah Penduduk"].value == "600000"
    assert found["type.integer", 7, "Jumlah Penduduk"].value == "banyak"
    assert found["range.min", 5, "Tanggal Data"].value == "2019-02-01"
    assert found["code_list", 5, "Status"].value == "X"
    assert found["pattern", 5, "Telepon"].value == "12345"
    assert not result.ok
    assert not (tmp_path / "v.parquet").exists()
    assert list(tmp_path.glob(".v.parquet*")) == []


def test_missing_and_extra_columns(write_csv, options, tmp_path):
    path = write_csv("Jumlah Penduduk;Catatan\n100;baik\n")
    result = ingest(path, tmp_path / "v.parquet", schema=SCHEMA, options=options)
    found = {(p.rule, p.column): p.severity for p in result.problems}
    assert found[("schema.missing_column", "Kode Kelurahan")] is Severity.ERROR
    assert found[("schema.missing_column", "status")] is Severity.WARNING
    assert found[("schema.extra_column", "Catatan")] is Severity.WARNING
    assert [f.name for f in result.fields][-1] == "catatan"


def test_explicit_column_mapping(write_csv, options, tmp_path):
    path = write_csv("KD_KEL,JML\n36.71.01.1003,10\n")
    mapping = {"KD_KEL": "kode_kelurahan", "JML": "jumlah_penduduk"}
    schema = SCHEMA[:2]
    result = ingest(path, tmp_path / "v.parquet", schema=schema, mapping=mapping, options=options)
    assert result.ok, result.problems
    assert [(f.name, f.title) for f in result.fields] == [
        ("kode_kelurahan", "KD_KEL"),
        ("jumlah_penduduk", "JML"),
    ]


def test_problem_list_is_capped_but_every_problem_is_counted(write_csv, tmp_path):
    rows = [f"36.71.01.1001;x{i};;;" for i in range(50)]
    options = Options(temp_dir=tmp_path, max_problems=10)
    result = ingest(
        _upload(write_csv, rows), tmp_path / "v.parquet", schema=SCHEMA, options=options
    )
    assert len(result.problems) == 10
    counts = {(c.rule, c.column): c.count for c in result.counts}
    assert counts[("type.integer", "Jumlah Penduduk")] == 50
    assert counts[("unique", "Kode Kelurahan")] == 49
    assert {p.rule for p in result.problems} == {"type.integer", "unique"}


def test_integer_codes_compare_as_text(write_csv, options, tmp_path):
    schema = [FieldSpec("kelas", FieldType.INTEGER, codes={"1", "2", "3"})]
    result = ingest(
        write_csv("kelas\n1\n2\n4\n"), tmp_path / "v.parquet", schema=schema, options=options
    )
    assert [(p.rule, p.row) for p in result.problems] == [("code_list", 4)]


def test_reference_code_lists_by_role_are_warnings(write_csv, options, tmp_path):
    rows = "".join(f"36.71.01.{1000 + i};{i}\n" for i in range(1, 4)) + "36.71.09.9999;4\n"
    path = write_csv("kode_kelurahan;jumlah\n" + rows)
    result = ingest(
        path, tmp_path / "v.parquet", code_lists={"kode_wilayah": KELURAHAN}, options=options
    )
    [problem] = result.problems
    assert (problem.rule, problem.row, problem.severity) == ("code_list", 5, Severity.WARNING)
    assert (result.error_count, result.warning_count) == (0, 1)
    assert result.ok


def test_reference_code_lists_by_name_yield_to_the_standard(write_csv, options, tmp_path):
    path = write_csv("status;jumlah\nA;1\nZ;2\n")
    schema = [FieldSpec("status", codes={"A", "B"}), FieldSpec("jumlah", FieldType.INTEGER)]
    result = ingest(
        path,
        tmp_path / "v.parquet",
        schema=schema,
        code_lists={"status": {"A", "Z"}},
        options=options,
    )
    assert [(p.rule, p.row, p.severity) for p in result.problems] == [
        ("code_list", 3, Severity.ERROR),
    ]
    assert result.error_count == 1
