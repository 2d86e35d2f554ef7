import pytest

from satudata.engines.text import typo_eligible, variants, within_one_edit


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pendudk", "penduduk"),  # deletion
        ("pendudukk", "penduduk"),  # insertion
        ("pendyduk", "penduduk"),  # substitution
        ("pneduduk", "penduduk"),  # swap of neighbours
        ("sehat", "sehat"),
    ],
)
def test_within_one_edit(a, b):
    assert within_one_edit(a, b)
    assert within_one_edit(b, a)


@pytest.mark.parametrize(("a", "b"), [("pndudk", "penduduk"), ("sehat", "sekat1"), ("ab", "ba1")])
def test_more_than_one_edit(a, b):
    assert not within_one_edit(a, b)


def test_variants_find_every_word_one_edit_away():
    vocabulary = ["penduduk", "sekolah", "sehat"]
    table = {v: w for w in vocabulary for v in variants(w)}
    for typo, word in [("pendudk", "penduduk"), ("sekolha", "sekolah"), ("sehatt", "sehat")]:
        found = {table[k] for k in variants(typo) if k in table}
        assert word in found


def test_short_words_and_numbers_need_exact_match():
    assert not typo_eligible("rt")
    assert not typo_eligible("2023")
    assert typo_eligible("sehat")
