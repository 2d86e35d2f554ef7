import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from satudata.engines.stats.indicators import FormulaError, compute, parse

COLUMNS = {"kode_wilayah": False, "tahun": True, "balita": True, "stunting": True, "nama": False}


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "gizi.parquet"
    pq.write_table(
        pa.table(
            {
                "kode_wilayah": [
                    "36.71.01.1001",
                    "36.71.01.1002",
                    "3671021001",
                    "36.71.02.1002",
                    None,
                ],
                "tahun": [2024, 2024, 2024, 2025, 2025],
                "balita": [100, 300, 200, 0, 50],
                "stunting": [10, 30, 50, 0, 5],
                "nama": ["a", "b", "c", "d", "e"],
            }
        ),
        path,
    )
    return path


def test_a_rate_per_kecamatan_and_year(table):
    formula = parse("sum(stunting) / sum(balita) * 100", COLUMNS)
    assert formula.columns == {"stunting", "balita"}
    values = compute(
        table, formula, level="kecamatan", wilayah_column="kode_wilayah", period_column="tahun"
    )
    assert [(v.period, v.kode, v.value) for v in values] == [
        ("2024", "36.71.01", 10.0),
        ("2024", "36.71.02", 25.0),
        ("2025", "36.71.02", None),
    ]


def test_the_city_value_for_a_fixed_period(table):
    values = compute(table, parse("sum(stunting) / count()", COLUMNS), period="2025")
    assert [(v.period, v.kode, v.value) for v in values] == [("2025", None, 19.0)]


def test_kelurahan_level(table):
    values = compute(
        table,
        parse("count_distinct(nama)", COLUMNS),
        level="kelurahan",
        wilayah_column="kode_wilayah",
    )
    assert [v.kode for v in values] == [
        "36.71.01.1001",
        "36.71.01.1002",
        "36.71.02.1001",
        "36.71.02.1002",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write a formula"),
        ("sum(", "cannot be read"),
        ("sum(berat)", "no column “berat”"),
        ("sum(nama)", "is not a number"),
        ("balita + 1", "must be inside an aggregate"),
        ("__import__('os')", "not allowed"),
        ("sum(balita) ** 2", "Only numbers"),
        ("2 + 3", "uses no column"),
        ("sum(balita, stunting)", "takes one column"),
        ("x.y(balita)", "Only sum"),
    ],
)
def test_bad_formulas_get_clear_messages(text, message):
    with pytest.raises(FormulaError, match=message):
        parse(text, COLUMNS)


def test_levels_need_a_kode_column(table):
    with pytest.raises(FormulaError, match="needs a kode wilayah column"):
        compute(table, parse("sum(balita)", COLUMNS), level="kecamatan")
