import random
from pathlib import Path

import pytest

from satudata.engines import duck
from satudata.engines.geo import styles
from satudata.engines.geo.styles import Kind, Method, StyleError, StyleSpec


def test_natural_breaks_find_the_gaps_between_groups() -> None:
    values = [1, 2, 3, 10, 11, 12, 13, 40, 41, 44]
    assert styles.natural_breaks(values, 3) == [1.0, 10.0, 40.0, 44.0]


def test_natural_breaks_never_make_more_classes_than_values() -> None:
    assert styles.natural_breaks([5, 5, 7], 4) == [5.0, 7.0, 7.0]


def test_natural_breaks_on_many_values_match_an_exhaustive_search() -> None:
    rng = random.Random(3)
    values = sorted(rng.choice([rng.gauss(10, 2), rng.gauss(50, 5)]) for _ in range(40))

    def spread(cuts: tuple[int, int]) -> float:
        groups = [values[: cuts[0]], values[cuts[0] : cuts[1]], values[cuts[1] :]]
        return sum(sum((v - sum(g) / len(g)) ** 2 for v in g) for g in groups)

    best = min(((a, b) for a in range(1, 39) for b in range(a + 1, 40)), key=spread)
    found = styles.natural_breaks(values, 3)
    assert found[1:3] == [values[best[0]], values[best[1]]]


def test_equal_interval_and_quantile_edges() -> None:
    assert styles.equal_interval(0, 100, 4) == [0, 25, 50, 75, 100]
    assert styles.quantile_edges(list(range(1, 101)), 4) == [1.0, 25.75, 50.5, 75.25, 100.0]


def test_edges_of_a_constant_attribute_are_one_class() -> None:
    assert styles.edges([7, 7, 7], Method.QUANTILE, 5) == [7.0, 7.0]
    assert styles.edges([], Method.QUANTILE, 5) == []


def test_graduated_counts_each_feature_once_and_numbers_nulls_as_other() -> None:
    spec = StyleSpec(Kind.GRADUATED, "jumlah", Method.EQUAL_INTERVAL, classes=2)
    found = styles.graduated([0, 4, 5, 10, None, float("nan")], spec)
    assert [(c.low, c.high, c.count) for c in found.classes] == [(0, 5, 2), (5, 10, 2)]
    assert found.other == 2
    assert found.classes[0].colour != found.classes[1].colour


def test_ramp_spreads_colours_lightest_first() -> None:
    colours = styles.ramp("Reds", 3)
    assert len(set(colours)) == 3
    assert colours[-1] == styles.SEQUENTIAL["Reds"][-1]
    assert styles.ramp("unknown", 9) == list(styles.SEQUENTIAL["Blues"])


def test_categorised_keeps_the_most_frequent_values_and_counts_the_rest() -> None:
    counts = [(f"jenis {i}", 100 - i) for i in range(15)] + [(None, 3)]
    found = styles.categorised(counts, StyleSpec(Kind.CATEGORISED, "jenis"))
    assert len(found.classes) == styles.MAX_CATEGORIES
    assert found.classes[0].value == "jenis 0"
    assert found.other == sum(n for _v, n in counts[12:])


def test_colour_expressions_for_maplibre() -> None:
    graduated = styles.graduated([1, 2, 3, 4], StyleSpec(Kind.GRADUATED, "n", classes=2))
    expression = styles.colour_expression(graduated)
    assert expression[0] == "case"
    step = expression[2]
    assert step[:3] == ["step", ["get", "n"], graduated.classes[0].colour]
    assert step[3] == graduated.classes[1].low
    categorised = styles.categorised([(3, 5), (1, 2)], StyleSpec(Kind.CATEGORISED, "kelas"))
    assert styles.colour_expression(categorised) == [
        "match",
        ["to-number", ["get", "kelas"], -1e308],
        3.0,
        styles.QUALITATIVE[0],
        1.0,
        styles.QUALITATIVE[1],
        styles.OTHER,
    ]
    assert styles.colour_expression(styles.Classified(StyleSpec(colour="#123456"))) == "#123456"


def _layer(tmp_path: Path) -> Path:
    path = tmp_path / "layer.parquet"
    con = duck.connect()
    con.execute(
        "COPY (SELECT i AS fid, (i * 10)::DOUBLE AS luas, "
        "['sawah', 'kebun', 'permukiman'][1 + i % 3] AS guna FROM range(30) t(i)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    con.close()
    return path


def test_classify_reads_the_layer_version(tmp_path: Path) -> None:
    path = _layer(tmp_path)
    types = {"luas": "number", "guna": "string"}
    found = styles.classify(path, StyleSpec(Kind.GRADUATED, "luas", classes=3), types)
    assert sum(c.count for c in found.classes) == 30
    assert found.classes[0].low == 0 and found.classes[-1].high == 290
    kinds = styles.classify(path, StyleSpec(Kind.CATEGORISED, "guna"), types)
    assert sorted(c.value for c in kinds.classes) == ["kebun", "permukiman", "sawah"]
    assert not kinds.numeric


def test_classify_refuses_unknown_and_non_numeric_attributes(tmp_path: Path) -> None:
    path = _layer(tmp_path)
    types = {"luas": "number", "guna": "string"}
    with pytest.raises(StyleError) as unknown:
        styles.classify(path, StyleSpec(Kind.CATEGORISED, "tidak_ada"), types)
    assert unknown.value.code == "style.attribute"
    with pytest.raises(StyleError) as text:
        styles.classify(path, StyleSpec(Kind.GRADUATED, "guna"), types)
    assert text.value.code == "style.numeric"


def test_never_more_classes_than_distinct_values() -> None:
    assert len(styles.edges([10, 20, 30], Method.QUANTILE, 5)) == 4
