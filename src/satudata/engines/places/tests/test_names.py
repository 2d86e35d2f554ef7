from satudata.engines.places import display_name, match_key, normalise, split_kind


def test_normalise_drops_case_punctuation_accents_and_apostrophes() -> None:
    assert normalise("  Karang-Tengah ") == "karang tengah"
    assert normalise("Ma'u") == "mau"
    assert normalise("Cipondóh") == "cipondoh"
    assert normalise("Kel.   Sukarasa") == "kel sukarasa"


def test_administrative_words_are_split_off_as_the_kind() -> None:
    assert split_kind("Kel. Sukarasa") == ("kelurahan", "sukarasa")
    assert split_kind("KELURAHAN SUKARASA") == ("kelurahan", "sukarasa")
    assert split_kind("Kec. Karang Tengah") == ("kecamatan", "karang tengah")
    assert split_kind("Kab. Tangerang") == ("kabupaten", "tangerang")
    assert split_kind("Kota Administrasi Jakarta Pusat") == ("kota", "jakarta pusat")
    assert split_kind("Desa Sukamaju") == ("desa", "sukamaju")
    assert split_kind("Kota") == (None, "kota")


def test_match_key_joins_words() -> None:
    assert match_key("Kecamatan Karang Tengah") == match_key("karangtengah") == "karangtengah"


def test_display_name_of_capitals_keeps_roman_numerals() -> None:
    assert display_name("KOTA TANGERANG") == "Kota Tangerang"
    assert display_name("KOTO XI TARUSAN") == "Koto XI Tarusan"
    assert display_name("GRONG-GRONG") == "Grong-Grong"
    assert display_name("Timang gajah") == "Timang gajah"
