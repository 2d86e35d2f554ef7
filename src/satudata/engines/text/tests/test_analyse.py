from satudata.engines.text import field_terms, normalise, query_words, stem, tokens


def test_tokens_lowercase_strip_accents_punctuation_and_stopwords():
    assert tokens("Jumlah Penduduk (Jiwa) dan Kepala Keluarga, per Kecamatan!") == [
        "jumlah",
        "penduduk",
        "jiwa",
        "kepala",
        "keluarga",
        "kecamatan",
    ]
    assert tokens("Café Résumé") == ["cafe", "resume"]


def test_column_names_are_split_into_words():
    assert tokens("jumlah_penduduk") == ["jumlah", "penduduk"]
    assert tokens("jumlahPenduduk kodeWilayah") == ["jumlah", "penduduk", "kode", "wilayah"]
    assert normalise("KodeWilayah") == "kode wilayah"


def test_indonesian_stems():
    assert stem("kesehatan") == stem("sehat") == "sehat"
    assert stem("kependudukan") == stem("penduduk")
    assert stem("pendidikan") == "didik"
    assert stem("2023") == "2023"


def test_query_words_are_distinct_and_ordered():
    assert query_words("penduduk yang penduduk Miskin") == ["penduduk", "miskin"]
    assert query_words("dan di ke") == []


def test_field_terms_weigh_each_field_once():
    weights, words = field_terms(
        [(8, "Penduduk penduduk penduduk"), (1, "data kependudukan"), (2, "")]
    )
    assert weights[stem("penduduk")] == 9
    assert weights["data"] == 1
    assert words["kependudukan"] == stem("penduduk")
