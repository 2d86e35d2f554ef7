import pytest

from satudata.engines.tabular import FieldType, Options, Role, Severity, ingest, inspect


def _csv(write_csv, header, values, name="data.csv"):
    return write_csv(header + "\n" + "\n".join(values) + "\n", name=name)


@pytest.mark.parametrize(
    ("values", "expected", "decimal"),
    [
        (["1.234.567", "12", "1.000"], FieldType.INTEGER, "comma"),
        (["12,5", "1.234,56", "7"], FieldType.NUMBER, "comma"),
        (["12.5", "3.75", "1,234.5"], FieldType.NUMBER, "dot"),
        (["ya", "tidak", "Y", "T"], FieldType.BOOLEAN, "comma"),
        (["benar", "salah", "TRUE"], FieldType.BOOLEAN, "comma"),
        (["17 Agustus 2024", "1 Jan 2023", "3 Agt 2022"], FieldType.DATE, "comma"),
        (["Ciledug", "Cipondoh", "12"], FieldType.STRING, "comma"),
    ],
)
def test_column_types(write_csv, options, values, expected, decimal):
    seen = inspect(_csv(write_csv, "nilai", [f'"{v}"' for v in values]), options=options)
    assert seen.fields[0].type is expected
    assert seen.source.decimal == decimal


def test_ambiguous_thousands_follow_the_file_convention(write_csv, options):
    seen = inspect(_csv(write_csv, "a;b", ["1.234;12,5", "2.500;3,25"]), options=options)
    assert [r["a"] for r in seen.preview] == [1234, 2500]
    seen = inspect(_csv(write_csv, "a,b", ['"1,234",12.5', '"2,500",3.25']), options=options)
    assert [r["a"] for r in seen.preview] == [1234, 2500]


def test_currency_prefix(write_csv, options):
    seen = inspect(
        _csv(write_csv, "anggaran", ["Rp 1.500.000", "Rp. 250.000", "Rp2.000"]), options=options
    )
    assert seen.fields[0].type is FieldType.INTEGER
    assert [r["anggaran"] for r in seen.preview] == [1_500_000, 250_000, 2_000]


@pytest.mark.parametrize(
    ("header", "values", "role"),
    [
        ("nik", ["3671014107900001", "3671015208850002"], Role.NIK),
        ("no_kk", ["3671010101100001", "3671010202200002"], Role.KK),
        ("nomor", ["3671014107900001", "3671015208850002"], Role.NIK),
        ("kode_wilayah", ["36.71", "36.72"], Role.KODE_WILAYAH),
        ("wilayah", ["36.71.01.1001", "36.71.01.1002"], Role.KODE_WILAYAH),
        ("kode_kelurahan", ["3671011001", "3671011002"], Role.KODE_WILAYAH),
        ("npsn", ["20606789", "20606790"], None),
        ("telepon", ["081234567890", "+6281234567890"], None),
        ("kode_opd", ["1", "2"], None),
        ("nomor_urut", ["007", "012"], None),
    ],
)
def test_identifiers_stay_text(write_csv, options, header, values, role):
    seen = inspect(_csv(write_csv, header, values), options=options)
    assert seen.fields[0].type is FieldType.STRING
    assert seen.fields[0].role is role
    assert [r[header] for r in seen.preview] == values


def test_plain_counts_are_not_identifiers(write_csv, options):
    seen = inspect(_csv(write_csv, "jumlah", ["10", "200", "3000"]), options=options)
    assert seen.fields[0].type is FieldType.INTEGER
    assert seen.fields[0].role is None


def test_leading_zero_beyond_the_sample_keeps_the_column_text(write_csv, tmp_path):
    values = [str(1000 + i) for i in range(3000)] + ["0042"]
    path = _csv(write_csv, "nomor", values)
    result = ingest(
        path, tmp_path / "o.parquet", options=Options(temp_dir=tmp_path, sample_rows=500)
    )
    assert result.fields[0].type is FieldType.STRING
    assert result.ok


def test_mixed_column_keeps_its_type_and_reports_the_odd_cells(write_csv, options, tmp_path):
    values = [str(i) for i in range(1, 40)] + ["dua puluh", "12a"]
    result = ingest(_csv(write_csv, "jumlah", values), tmp_path / "o.parquet", options=options)
    assert result.fields[0].type is FieldType.INTEGER
    bad = [(p.row, p.value, p.rule, p.severity) for p in result.problems]
    assert bad == [
        (41, "dua puluh", "type.integer", Severity.ERROR),
        (42, "12a", "type.integer", Severity.ERROR),
    ]
    assert result.counts[0].count == 2
    assert not result.ok


def test_no_dominant_type_means_text(write_csv, options, tmp_path):
    values = ["1", "2", "tiga", "empat", "5"]
    result = ingest(_csv(write_csv, "isi", values), tmp_path / "o.parquet", options=options)
    assert result.fields[0].type is FieldType.STRING
    assert result.ok and not result.problems


def test_nik_with_wrong_length_is_a_warning(write_csv, options, tmp_path):
    values = [f"36710141079{i:05d}" for i in range(20)] + ["367101410790001"]
    result = ingest(_csv(write_csv, "nik", values), tmp_path / "o.parquet", options=options)
    [problem] = result.problems
    assert (problem.rule, problem.row, problem.severity) == ("format.nik", 22, Severity.WARNING)
    assert result.ok
