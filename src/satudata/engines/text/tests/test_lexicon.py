import pytest

from satudata.engines.text.lexicon import Lexicon, derive_lexicon
from satudata.engines.text.sentiment import LABELS, SentimentError, evaluate

ROWS = [
    ("pelayanan bagus dan ramah", "positif"),
    ("petugas ramah, pelayanan cepat", "positif"),
    ("taman bersih dan bagus", "positif"),
    ("bagus sekali, terima kasih", "positif"),
    ("cepat dan ramah, mantap", "positif"),
    ("jalan bersih, mantap", "positif"),
    ("jadwal posyandu hari selasa", "netral"),
    ("kantor buka hari senin", "netral"),
    ("rapat warga hari jumat", "netral"),
    ("jadwal rapat di kantor", "netral"),
    ("jalan rusak dan banjir", "negatif"),
    ("pelayanan lambat, kecewa", "negatif"),
    ("banjir lagi, kecewa berat", "negatif"),
    ("sampah bau, jalan rusak", "negatif"),
    ("petugas kasar, pelayanan lambat", "negatif"),
    ("rusak parah, kecewa", "negatif"),
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return derive_lexicon(ROWS, min_count=2)


def test_weights_are_integers_from_minus_five_to_five(lexicon: Lexicon) -> None:
    assert lexicon.weights
    assert all(isinstance(w, int) and -5 <= w <= 5 and w != 0 for w in lexicon.weights.values())
    assert lexicon.weights["ramah"] > 0 and lexicon.weights["bagus"] > 0
    assert lexicon.weights["kecewa"] < 0 and lexicon.weights["rusak"] < 0
    assert "posyandu" not in lexicon.weights


def test_score_sums_the_weights_of_the_words(lexicon: Lexicon) -> None:
    weights = lexicon.weights
    assert lexicon.score("Bagus, RAMAH!") == weights["bagus"] + weights["ramah"]
    assert lexicon.score("kata yang tidak dikenal") == 0


def test_thresholds_separate_the_training_rows(lexicon: Lexicon) -> None:
    assert lexicon.low <= lexicon.high
    predictions = lexicon.predict(["bagus dan ramah sekali", "jalan rusak, kecewa", "hari senin"])
    assert [p.label for p in predictions] == ["positif", "negatif", "netral"]
    assert all(0.5 <= p.confidence < 1 for p in predictions)
    assert evaluate(lexicon, ROWS).macro_f1 > 80


def test_min_count_drops_rare_words() -> None:
    assert "kasar" not in derive_lexicon(ROWS, min_count=2).weights
    assert "kasar" in derive_lexicon(ROWS, min_count=1).weights


def test_no_rows_is_an_error() -> None:
    with pytest.raises(SentimentError):
        derive_lexicon([])
    assert LABELS == ("negatif", "netral", "positif")
