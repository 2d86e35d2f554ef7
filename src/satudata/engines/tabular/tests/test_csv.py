import datetime as dt

import duckdb
import pyarrow.parquet as pq
import pytest

from satudata.engines.tabular import (
    FieldSpec,
    FieldType,
    NoDataError,
    Options,
    Severity,
    SourceInfo,
    csvfile,
    ingest,
    inspect,
    source,
)
from satudata.engines.tabular.session import session

ROWS_ID = (
    "Kecamatan;Jumlah Penduduk;Luas (km²);Kepadatan\n"
    "Cipondoh;247.110;17,91;13.797,3\n"
    "Ciledug;178.220;8,77;20.321,5\n"
    "Karang Tengah;135.903;10,47;12.980,2\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_semicolon_and_decimal_comma_in_any_encoding(write_csv, options, tmp_path, encoding):
    text = ROWS_ID.replace("Ciledug", "Ciledug Café")
    path = write_csv(text, encoding=encoding)
    result = ingest(path, tmp_path / "out.parquet", options=options)
    assert result.ok, result.problems
    assert result.source.delimiter == ";"
    assert result.source.encoding == encoding
    assert result.source.decimal == "comma"
    types = {f.name: f.type for f in result.fields}
    assert types == {
        "kecamatan": FieldType.STRING,
        "jumlah_penduduk": FieldType.INTEGER,
        "luas_km2": FieldType.NUMBER,
        "kepadatan": FieldType.NUMBER,
    }
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert table[1] == {
        "kecamatan": "Ciledug Café",
        "jumlah_penduduk": 178220,
        "luas_km2": 8.77,
        "kepadatan": 20321.5,
    }


def test_cp1252_bytes_outside_latin1_are_read(write_csv, options, tmp_path):
    path = write_csv("nama,catatan\nAni,\u201cbaik\u201d \u20ac5\n", encoding="cp1252")
    result = ingest(path, tmp_path / "o.parquet", options=options)
    assert result.preview[0]["catatan"] == "\u201cbaik\u201d \u20ac5"


@pytest.mark.parametrize(("delimiter", "name"), [(",", "a.csv"), ("\t", "a.tsv"), ("|", "a.txt")])
def test_delimiters(write_csv, options, delimiter, name):
    text = delimiter.join(["kode", "nama", "nilai"]) + "\n"
    text += delimiter.join(["01", '"Tangerang, Kota"' if delimiter == "," else "Tangerang", "12.5"])
    text += "\n" + delimiter.join(["02", "Serang", "7.25"]) + "\n"
    seen = inspect(write_csv(text, name=name), options=options)
    assert seen.source.delimiter == delimiter
    assert [f.name for f in seen.fields] == ["kode", "nama", "nilai"]
    assert seen.preview[0]["kode"] == "01"
    assert seen.preview[1]["nilai"] == 7.25


def test_title_rows_footnotes_and_row_numbers(write_csv, options, tmp_path):
    rows = [f"Kecamatan {i};{i}.000;{i + 1}.110" for i in range(1, 13)]
    rows[4] = "Ciledug;89.000;x"
    text = (
        "TABEL 3.1 JUMLAH PENDUDUK MENURUT KECAMATAN\n"
        "KOTA TANGERANG 2024\n"
        ";;\n"
        "Kecamatan;Laki-laki;Perempuan\n" + "\n".join(rows) + "\n"
        "Sumber: BPS Kota Tangerang\n"
        "Catatan: angka sementara\n"
    )
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    assert result.source.header_rows == (4,)
    assert result.source.data_start_row == 5
    assert result.source.title == "TABEL 3.1 JUMLAH PENDUDUK MENURUT KECAMATAN KOTA TANGERANG 2024"
    assert result.source.footnotes == ("Sumber: BPS Kota Tangerang", "Catatan: angka sementara")
    assert result.row_count == 12
    [problem] = [p for p in result.problems if p.severity is Severity.ERROR]
    assert (problem.row, problem.column, problem.value) == (9, "Perempuan", "x")
    assert problem.rule == "type.integer"
    assert problem.text() == 'Row 9, column "Perempuan": "x" is not a whole number.'


def test_ragged_rows_are_problems_with_their_row_numbers(write_csv, options, tmp_path):
    text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n"
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    ragged = [p for p in result.problems if p.rule == "ragged_row"]
    assert [(p.row, p.params["found"], p.params["expected"]) for p in ragged] == [
        (3, 2, 3),
        (4, 4, 3),
    ]
    assert not result.ok
    assert not (tmp_path / "o.parquet").exists()
    assert result.row_count == 2
    seen = inspect(tmp_path / "data.csv", options=options)
    assert [(p.rule, p.row) for p in seen.problems] == [("ragged_row", 3), ("ragged_row", 4)]


def test_rows_after_a_ragged_row_keep_their_numbers(write_csv, options, tmp_path):
    good = "".join(f"{i},{i * 10}\n" for i in range(10))
    text = "a,b\n" + good + "3\n" + "5,x\n" + good
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    found = {p.rule: (p.row, p.value) for p in result.problems}
    assert found == {"ragged_row": (12, "3"), "type.integer": (13, "x")}


def test_quoted_newlines_and_quotes(write_csv, options, tmp_path):
    text = 'id,alamat\n1,"Jl. Merdeka No. 1\nRT 01/RW 02"\n2,"Jl. ""Baru"""\n'
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    assert result.ok
    assert result.preview[0]["alamat"] == "Jl. Merdeka No. 1\nRT 01/RW 02"
    assert result.preview[1]["alamat"] == 'Jl. "Baru"'


def test_duplicate_and_empty_headers(write_csv, options, tmp_path):
    text = "Nama,Jumlah,Jumlah,,\nAni,1,2,x,\nBudi,3,4,y,\n"
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    assert [f.name for f in result.fields] == ["nama", "jumlah", "jumlah_2", "kolom_4"]
    rules = sorted((p.rule, p.severity) for p in result.problems)
    assert rules == [("header.duplicate", Severity.WARNING), ("header.empty", Severity.WARNING)]
    assert result.ok


def test_missing_markers_whitespace_and_blank_rows(write_csv, options, tmp_path):
    text = "nama,jumlah\n  Ani  ,\u00a012 \n\nBudi,-\n,\nCitra,N/A\n"
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    assert result.ok, result.problems
    assert [r["jumlah"] for r in pq.read_table(tmp_path / "o.parquet").to_pylist()] == [
        12,
        None,
        None,
    ]
    assert result.preview[0]["nama"] == "Ani"
    assert result.row_count == 3


def test_rows_below_blank_lines_keep_their_row_numbers(write_csv, options, tmp_path):
    text = "kode,jumlah\r\n1,5\r\n\r\n2,x\r\n\r\n\r\n3,4,9\r\n4,y\r\n"
    result = ingest(
        write_csv(text),
        tmp_path / "o.parquet",
        schema=[FieldSpec("kode"), FieldSpec("jumlah", FieldType.INTEGER)],
        options=options,
    )
    found = sorted((p.rule, p.row) for p in result.problems)
    assert found == [("ragged_row", 7), ("type.integer", 4), ("type.integer", 8)]


def test_header_without_data(write_csv, options):
    with pytest.raises(NoDataError):
        inspect(write_csv("a,b,c\n"), options=options)


def test_dates_in_a_csv(write_csv, options, tmp_path):
    text = (
        "tanggal;tgl_lapor;waktu;serial_tanggal\n"
        "17 Agustus 2024;17/08/2024;2024-08-17 10:30:00;45521\n"
        "1 Des 2023;01/12/2023;2023-12-01 08:00:00;45261\n"
    )
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    types = [f.type for f in result.fields]
    assert types == [FieldType.DATE, FieldType.DATE, FieldType.DATETIME, FieldType.DATE]
    first = result.preview[0]
    assert first["tanggal"] == first["tgl_lapor"] == first["serial_tanggal"] == dt.date(2024, 8, 17)
    assert first["waktu"] == dt.datetime(2024, 8, 17, 10, 30)


def test_month_first_dates_are_recognised(write_csv, options):
    text = "tanggal\n08/17/2024\n12/31/2023\n01/02/2024\n"
    seen = inspect(write_csv(text), options=options)
    assert seen.fields[0].type is FieldType.DATE
    assert [r["tanggal"] for r in seen.preview] == [
        dt.date(2024, 8, 17),
        dt.date(2023, 12, 31),
        dt.date(2024, 1, 2),
    ]


def test_many_ragged_rows_are_all_counted_but_listed_up_to_the_cap(write_csv, tmp_path):
    text = "a;b;c\n" + "1;2\n" * 30 + ";;;;\n" + "4;5;6\n"
    options = Options(temp_dir=tmp_path / "spill", max_problems=5)
    result = ingest(write_csv(text), tmp_path / "o.parquet", options=options)
    assert [(c.rule, c.count) for c in result.counts] == [("ragged_row", 30)]
    assert [p.row for p in result.problems] == [2, 3, 4, 5, 6]
    assert result.row_count == 1


def test_utf16_export_with_tabs(write_csv, options):
    text = "\ufeffKelurahan\tJumlah\nSukarasa\t1.250\nSukasari\t980\n"
    seen = inspect(write_csv(text, name="ekspor.txt", encoding="utf-16-le"), options=options)
    assert (seen.source.encoding, seen.source.delimiter) == ("utf-16", "\t")
    assert seen.preview == [
        {"kelurahan": "Sukarasa", "jumlah": 1250},
        {"kelurahan": "Sukasari", "jumlah": 980},
    ]


def test_windows_1252_bytes_late_in_the_file_are_found(write_csv, options, tmp_path):
    rows = "".join(f"Kelurahan {i};{i}\n" for i in range(60_000))
    path = write_csv("nama;jumlah\n" + rows + "Caf\u00e9 Sukasari;7\n", encoding="cp1252")
    assert path.stat().st_size > 1024 * 1024
    result = ingest(path, tmp_path / "o.parquet", options=options)
    assert result.ok, result.problems
    assert result.source.encoding == "cp1252"
    assert result.row_count == 60_001
    last = pq.read_table(tmp_path / "o.parquet").to_pylist()[-1]
    assert last == {"nama": "Caf\u00e9 Sukasari", "jumlah": 7}


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        (b"a\nb\n", 0, []),
        (b"a\n\n\nb\n\n", 0, [2, 3, 5]),
        (b"a\r\n\r\nb\r\n\r\n\r\nc\r\n", 1, [2, 4, 5]),
        (b"\nkop\n\nx\n", 2, [3]),
        (b"\r\na\n", 0, [1]),
        (b"a\n\xff\n\nb\n", 0, [3]),
        (b"", 0, []),
    ],
)
def test_blank_lines_are_numbered_as_in_the_file(tmp_path, text, after, expected):
    path = tmp_path / "f.csv"
    path.write_bytes(text)
    with duckdb.connect() as con:
        assert csvfile.blank_lines(con, path, after) == expected


def test_blank_lines_are_found_in_a_file_named_like_a_pattern(tmp_path):
    path = tmp_path / "data [2024].csv"
    path.write_bytes(b"a\n\nb\n")
    (tmp_path / "data 2.csv").write_bytes(b"a\nb\n")
    with duckdb.connect() as con:
        assert csvfile.blank_lines(con, path, 0) == [2]


@pytest.mark.parametrize(
    ("text", "records", "expected"),
    [
        (b"h\na\n\nb\n\nc\n", 2, [3]),
        (b"h\na\n\nb\n\nc\n", 3, [3, 5]),
        (b"h\na\n\n", 5, [3]),
        (b'h\n"a\n\nb"\n\nc\n', 1, [3, 5]),
    ],
)
def test_a_limited_read_looks_at_blank_lines_up_to_its_last_record(
    tmp_path, text, records, expected
):
    path = tmp_path / "f.csv"
    path.write_bytes(text)
    with duckdb.connect() as con:
        assert csvfile.blank_lines(con, path, 1, '"', records) == expected


@pytest.mark.parametrize("quoted", ['"3\n\n"', "3"])
def test_a_limited_read_numbers_rows_below_blank_lines_as_a_full_read(write_csv, options, quoted):
    rows = "".join(f"{i};{i}\n" for i in range(5, 3000)) + "\n9;9\n"
    path = write_csv(f"kode;jumlah\n1;5\n\n2;6\n{quoted};4\n\n4;5\n{rows}")
    info = SourceInfo(format="csv", filename=path.name, size=path.stat().st_size)
    numbers = []
    for limit in (100, None):
        with session(options) as con:
            raw = source.load(con, path, info, options, limit=limit)
            numbers.append([raw.user_row(i) for i in range(100)])
    assert numbers[0] == numbers[1]
    if quoted == "3":
        assert numbers[0][:5] == [2, 4, 5, 7, 8]
