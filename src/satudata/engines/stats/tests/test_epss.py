"""The IPS computation against a hand-computed example, the predikat bounds, weight edits and
the catalogue read from the shipped LKE worksheet. No database."""

from pathlib import Path

import pytest

from satudata.engines.stats import epss

DATA = Path(__file__).resolve().parents[3] / "apps" / "epss" / "data"
CATALOGUE = epss.read_catalogue(DATA / "lke_indicators.csv")
WEIGHTS = epss.weights_from_rows(epss.read_weight_rows(DATA / "default_weights.csv"))
BOUNDS = epss.read_predikat(DATA / "predikat.csv")

# The hand-computed example (levels of all 38 indicators).
EXAMPLE = {
    "10101": 3, "10201": 4, "10301": 2, "10401": 3,
    "20101": 3, "20102": 2, "20201": 3, "20301": 4, "20302": 4,
    "20401": 3, "20402": 3, "20403": 4, "20501": 2, "20502": 3,
    "30101": 3, "30102": 3, "30103": 3, "30201": 4, "30301": 3, "30302": 2, "30401": 4,
    "40101": 3, "40102": 3, "40103": 4, "40104": 4, "40201": 2, "40202": 3,
    "40301": 3, "40302": 4, "40303": 3, "40304": 2,
    "50101": 4, "50102": 3, "50103": 2, "50201": 3, "50301": 3, "50302": 3, "50303": 1,
}  # fmt: skip


def test_catalogue_has_5_domains_19_aspects_38_indicators_with_five_criteria() -> None:
    assert len(CATALOGUE.domains) == 5
    assert len(CATALOGUE.aspects) == 19
    assert len(CATALOGUE.indicators) == 38
    assert all(len(i.criteria) == 5 for i in CATALOGUE.indicators.values())
    assert CATALOGUE.domains["1"].name == "Prinsip SDI"
    assert CATALOGUE.aspects["503"].indicators == ("50301", "50302", "50303")
    assert CATALOGUE.indicators["50303"].criteria[0].startswith("Pemanfaatan Big Data")


def test_default_weights_sum_to_100_per_group() -> None:
    assert sum(WEIGHTS.domains.values()) == 100
    for domain in CATALOGUE.domains.values():
        assert sum(WEIGHTS.of("aspect", a) for a in domain.aspects) == 100
    assert WEIGHTS.of("domain", "1") == 28
    assert WEIGHTS.of("aspect", "202") == 16
    assert epss.weight_problems(CATALOGUE, WEIGHTS) == []


def test_hand_computed_example() -> None:
    """Aspects (mean of their indicators, equal weights):
    101 = 3, 102 = 4, 103 = 2, 104 = 3;
    201 = (3+2)/2 = 2.5, 202 = 3, 203 = (4+4)/2 = 4, 204 = (3+3+4)/3 = 3.3333, 205 = (2+3)/2 = 2.5;
    301 = 3, 302 = 4, 303 = (3+2)/2 = 2.5, 304 = 4;
    401 = (3+3+4+4)/4 = 3.5, 402 = (2+3)/2 = 2.5, 403 = (3+4+3+2)/4 = 3;
    501 = (4+3+2)/3 = 3, 502 = 3, 503 = (3+3+1)/3 = 2.3333.

    Domains (aspect weights):
    Prinsip SDI   = (3·25 + 4·25 + 2·25 + 3·25) / 100 = 300 / 100 = 3.00
    Kualitas Data = (2.5·21 + 3·16 + 4·21 + 3.3333·21 + 2.5·21) / 100
                  = (52.5 + 48 + 84 + 70 + 52.5) / 100 = 3.07
    Proses Bisnis = (3·32 + 4·26 + 2.5·21 + 4·21) / 100 = (96 + 104 + 52.5 + 84) / 100 = 3.365
    Kelembagaan   = (3.5·35 + 2.5·30 + 3·35) / 100 = (122.5 + 75 + 105) / 100 = 3.025
    Stat Nasional = (3·34 + 3·33 + 2.3333·33) / 100 = (102 + 99 + 77) / 100 = 2.78

    IPS = (3.00·28 + 3.07·24 + 3.365·19 + 3.025·17 + 2.78·12) / 100
        = (84 + 73.68 + 63.935 + 51.425 + 33.36) / 100 = 306.4 / 100 = 3.064 → Baik."""
    index = epss.compute(CATALOGUE, WEIGHTS, EXAMPLE, BOUNDS)
    assert index.complete
    assert index.aspects["204"] == pytest.approx(10 / 3)
    assert index.aspects["503"] == pytest.approx(7 / 3)
    assert index.domains == pytest.approx({"1": 3.0, "2": 3.07, "3": 3.365, "4": 3.025, "5": 2.78})
    assert index.ips == pytest.approx(3.064)
    assert index.predikat == "Baik"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (1.0, "Kurang"),
        (1.79, "Kurang"),
        (1.8, "Cukup"),
        (2.59, "Cukup"),
        (2.6, "Baik"),
        (3.49, "Baik"),
        (3.5, "Sangat Baik"),
        (4.19, "Sangat Baik"),
        (4.2, "Memuaskan"),
        (5.0, "Memuaskan"),
        (3.4951, "Sangat Baik"),
        (3.4949, "Baik"),
        (None, None),
    ],
)
def test_predikat_boundaries(value: float | None, label: str | None) -> None:
    assert epss.predikat(value, BOUNDS) == label


def test_weight_edit_changes_the_result() -> None:
    """Domain weight of Statistik Nasional 12 → 40 (others unchanged, total 128):
    IPS = (84 + 73.68 + 63.935 + 51.425 + 2.78·40) / 128 = 384.24 / 128 = 3.001875."""
    edited = epss.Weights({**WEIGHTS.domains, "5": 40}, WEIGHTS.aspects, WEIGHTS.indicators)
    index = epss.compute(CATALOGUE, edited, EXAMPLE, BOUNDS)
    assert index.ips == pytest.approx(384.24 / 128)
    heavier_big_data = epss.Weights(
        WEIGHTS.domains, WEIGHTS.aspects, {**WEIGHTS.indicators, "50303": 4}
    )
    # 503 = (3 + 3 + 4·1) / 6 = 1.6667; domain 5 = (102 + 99 + 55) / 100 = 2.56
    index = epss.compute(CATALOGUE, heavier_big_data, EXAMPLE, BOUNDS)
    assert index.domains["5"] == pytest.approx(2.56)


def test_missing_levels_are_left_out_and_reported() -> None:
    levels = {**EXAMPLE, "50303": None}
    index = epss.compute(CATALOGUE, WEIGHTS, levels, BOUNDS)
    assert not index.complete
    assert index.aspects["503"] == 3.0
    empty = epss.compute(CATALOGUE, WEIGHTS, {}, BOUNDS)
    assert empty.ips is None and empty.predikat is None


def test_level_outside_range_is_refused() -> None:
    with pytest.raises(ValueError, match="50303"):
        epss.compute(CATALOGUE, WEIGHTS, {**EXAMPLE, "50303": 6}, BOUNDS)


def test_what_if_raising_big_data() -> None:
    """50303 1 → 3: 503 = 3, domain 5 = (102 + 99 + 99)/100 = 3.00, IPS + 0.22·12/100 = 3.0904."""
    before, after = epss.what_if(CATALOGUE, WEIGHTS, EXAMPLE, {"50303": 3}, BOUNDS)
    assert before.ips == pytest.approx(3.064)
    assert after.ips == pytest.approx(3.0904)
    rows = epss.differences(CATALOGUE, before, after)
    changed = {(r.kind, r.code): r.change for r in rows if r.change}
    assert changed == pytest.approx(
        {
            ("indicator", "50303"): 2,
            ("aspect", "503"): 2 / 3,
            ("domain", "5"): 0.22,
            ("ips", ""): 0.0264,
        }
    )
    with pytest.raises(ValueError, match="99999"):
        epss.what_if(CATALOGUE, WEIGHTS, EXAMPLE, {"99999": 3}, BOUNDS)


def test_weight_problems_found() -> None:
    zero = epss.Weights({k: 0 for k in WEIGHTS.domains}, {**WEIGHTS.aspects, "101": -1})
    assert ("domain", "") in epss.weight_problems(CATALOGUE, zero)
    assert ("aspect", "101") in epss.weight_problems(CATALOGUE, zero)


def test_bad_criteria_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "lke.csv"
    bad.write_text(
        "Domain,Kode,Aspek,KodeInd,Indikator,Penjelasan Indikator,Tingkat Kematangan\n"
        'Prinsip SDI,101,SDS,10101,X,Y,"1. a\n2. b"\n'
    )
    with pytest.raises(epss.CatalogueError, match="10101"):
        epss.read_catalogue(bad)
