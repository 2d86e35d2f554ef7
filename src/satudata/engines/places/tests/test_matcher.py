import pytest

from satudata.engines.places import Place, PlaceIndex
from satudata.engines.places.distance import bounded_distance

PLACES = [
    Place("36", "Banten", "provinsi"),
    Place("36.03", "Kabupaten Tangerang", "kabkota", "Banten"),
    Place("36.71", "Kota Tangerang", "kabkota", "Banten"),
    Place("36.71.01", "Tangerang", "kecamatan", "Kota Tangerang"),
    Place("36.71.05", "Cipondoh", "kecamatan", "Kota Tangerang"),
    Place("36.71.11", "Pinang", "kecamatan", "Kota Tangerang"),
    Place("36.71.12", "Karang Tengah", "kecamatan", "Kota Tangerang"),
    Place("36.71.12.1001", "Karang Tengah", "desa", "Karang Tengah"),
    Place("36.71.12.1002", "Karang Timur", "desa", "Karang Tengah"),
    Place("36.71.01.1001", "Sukarasa", "desa", "Tangerang"),
    Place("36.71.05.1001", "Cipondoh", "desa", "Cipondoh"),
    Place("36.71.05.1099", "Cipondoh Lama", "desa", "Cipondoh", current=False),
    Place("32", "Jawa Barat", "provinsi"),
    Place("32.03", "Kabupaten Cianjur", "kabkota", "Jawa Barat"),
    Place("32.03.07", "Karangtengah", "kecamatan", "Kabupaten Cianjur"),
]


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(PLACES)


def codes(found: list) -> list[str]:
    return [c.place.kode for c in found]


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("karang", "karang", 2, 0),
        ("karang", "krang", 2, 1),
        ("karangtengah", "karangtnegah", 2, 1),
        ("karangtengah", "krangtenga", 2, 2),
        ("karangtengah", "krngtenga", 2, None),
        ("abc", "abcdef", 2, None),
    ],
)
def test_bounded_distance(a: str, b: str, limit: int, expected: int | None) -> None:
    assert bounded_distance(a, b, limit) == expected


def test_exact_name_within_area_and_level(index: PlaceIndex) -> None:
    found = index.search("Karang Tengah", level="kecamatan", within="36.71")
    assert codes(found) == ["36.71.12"]
    assert found[0].how == "name"


def test_spaces_and_kind_words_do_not_matter(index: PlaceIndex) -> None:
    assert codes(index.search("Kec. Karangtengah", within="36.71", level="kecamatan")) == [
        "36.71.12"
    ]
    assert codes(index.search("KELURAHAN SUKARASA"))[0] == "36.71.01.1001"


@pytest.mark.parametrize("typo", ["Karang Tengh", "Karnag Tengah", "Krang Tenga", "karang tnegah"])
def test_one_or_two_typos(index: PlaceIndex, typo: str) -> None:
    found = index.search(typo, level="kecamatan")
    assert set(codes(found)[:2]) == {"36.71.12", "32.03.07"}
    assert found[0].how == "typo"


def test_two_typos_are_not_allowed_in_short_names(index: PlaceIndex) -> None:
    assert index.search("Pnanx") == []
    assert codes(index.search("Pinag")) == ["36.71.11"]


def test_exact_ranks_before_typo_and_kind_word_breaks_ties(index: PlaceIndex) -> None:
    assert codes(index.search("Kota Tangerang"))[0] == "36.71"
    assert codes(index.search("Kabupaten Tangerang"))[0] == "36.03"
    found = index.search("Cipondoh")
    assert codes(found)[:2] == ["36.71.05", "36.71.05.1001"]
    assert found[0].score > index.search("Cipondhh")[0].score


def test_words_and_word_beginnings(index: PlaceIndex) -> None:
    assert "36.71.12.1002" in codes(index.search("timur"))
    found = index.search("Karang Ti")
    assert codes(found)[0] == "36.71.12.1002"
    assert found[0].how == "prefix"


def test_retired_codes_only_when_asked(index: PlaceIndex) -> None:
    assert "36.71.05.1099" not in codes(index.search("Cipondoh Lama"))
    assert codes(index.search("Cipondoh Lama", current=False))[0] == "36.71.05.1099"


def test_codes_and_limits(index: PlaceIndex) -> None:
    assert codes(index.search("36.71.12")) == ["36.71.12"]
    assert index.search("36.71.12", level="desa") == []
    assert index.search("99.99") == []
    assert index.search("   ") == []
    assert len(index.search("Karang", limit=1)) == 1
    assert index.get("36.71").nama == "Kota Tangerang"
    assert index.get("36.7") is None
