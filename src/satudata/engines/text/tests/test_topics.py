from pathlib import Path

import pytest

from satudata.engines.text.informal import normalise
from satudata.engines.text.topics import OTHER, SEEDS, TOPICS, TopicClassifier, discover


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("jalan berlubang di cipondoh", "jalan"),
        ("banjir lagi gorong2 mampet", "banjir_drainase"),
        ("sampah numpuk gak diangkut", "sampah"),
        ("lampu pju mati gelap", "listrik_pju"),
        ("ktp blm jadi", "adminduk"),
        ("macet parah tiap pagi", "transportasi_macet"),
        ("ada maling motor", "keamanan"),
        ("selamat pagi semuanya", OTHER),
    ],
)
def test_seeds_alone(text: str, topic: str) -> None:
    assert TopicClassifier().classify([normalise(text)])[0].topic == topic


def test_fit_learns_corrections_and_round_trips(tmp_path: Path) -> None:
    text = normalise("kucing liar berkeliaran di taman kota")
    model = TopicClassifier()
    model.fit([text, normalise("kucing liar banyak sekali")], ["lingkungan", "lingkungan"])
    assert model.classify([normalise("kucing liar")])[0].topic == "lingkungan"
    loaded = TopicClassifier.load(model.save(tmp_path / "model.npz"))
    assert loaded.classify([text]) == model.classify([text])
    with pytest.raises(ValueError):
        model.fit(["x"], ["not_a_topic"])


def test_topics_and_seeds_cover_each_other() -> None:
    assert set(SEEDS) == set(TOPICS) - {OTHER}


def test_discover_finds_the_groups() -> None:
    texts = ["jalan berlubang parah"] * 6 + ["sampah menumpuk bau"] * 5 + ["kucing liar taman"] * 4
    clusters = discover([normalise(t) for t in texts], 3)
    assert [c.size for c in clusters] == [6, 5, 4]
    assert "kucing" in clusters[2].keywords
    assert clusters[0].examples[0] == "jalan berlubang parah"
