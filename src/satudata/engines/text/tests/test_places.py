import pytest

from satudata.engines.text.places import Entry, Gazetteer, Mention, best

ENTRIES = [
    ("36.71.01", "Tangerang", "kecamatan"),
    ("36.71.01.1007", "Sukasari", "kelurahan"),
    ("36.71.05", "Cipondoh", "kecamatan"),
    ("36.71.05.1001", "Cipondoh", "kelurahan"),
    ("36.71.09", "Cibodas", "kecamatan"),
    ("36.71.05.1009", "Poris Plawad Utara", "kelurahan"),
    ("36.71.04", "Benda", "kecamatan"),
    Entry("36.71.02", "Jalan Daan Mogot", "jalan", ("Jl Daan Mogot Raya",)),
    ("36.71.01.1005", "RSUD Kota Tangerang", "landmark", ("rsud tangerang",)),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(ENTRIES)


@pytest.mark.parametrize(
    ("text", "kode", "span"),
    [
        ("jalan rusak di kel. Sukasari", "36.71.01.1007", "kel. Sukasari"),
        ("banjir di kecamatan cibodas", "36.71.09", "kecamatan cibodas"),
        ("macet parah jl. daan mogot", "36.71.02", "jl. daan mogot"),
        ("banjir di kecamatan cibodsa", "36.71.09", "kecamatan cibodsa"),
        ("di kel. poris plawad utara", "36.71.05.1009", "kel. poris plawad utara"),
        ("antre lama di rsud tangerang", "36.71.01.1005", "di rsud tangerang"),
        ("sampah di cipondoh", "36.71.05", "di cipondoh"),
        ("sampah di kelurahan cipondoh", "36.71.05.1001", "kelurahan cipondoh"),
        ("kantor kec. benda", "36.71.04", "kec. benda"),
    ],
)
def test_find(gazetteer: Gazetteer, text: str, kode: str, span: str) -> None:
    found = gazetteer.find(text)
    assert [m.kode for m in found] == [kode]
    assert text[found[0].start : found[0].end] == span


@pytest.mark.parametrize(
    "text", ["warga kota tangerang", "benda itu rusak", "jalan rusak parah", "sukasri rusak"]
)
def test_no_place(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.find(text) == []


def test_best_is_the_most_specific_and_consistent(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("kel. sukasari kec. tangerang")
    assert best(found) == "36.71.01.1007"
    assert best([]) is None
    inside = Mention("36.71.05.1001", "Cipondoh", "kelurahan", 0, 1, 0.8)
    outside = Mention("36.71.01.1007", "Sukasari", "kelurahan", 0, 1, 0.9)
    district = Mention("36.71.05", "Cipondoh", "kecamatan", 0, 1, 1.0)
    assert best([outside, inside, district]) == "36.71.05.1001"


def test_unknown_kind() -> None:
    with pytest.raises(ValueError):
        Gazetteer([("36.71", "Tangerang", "kota")])
