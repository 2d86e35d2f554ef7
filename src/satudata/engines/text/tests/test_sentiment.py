import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from satudata.engines.text import sentiment
from satudata.engines.text.sentiment import (
    LABELS,
    Params,
    Prediction,
    SentimentError,
    SentimentModel,
    char_terms,
    evaluate,
    read_tsv,
    tidy_text,
    train,
    train_and_save,
    word_terms,
)

POSITIVE = [
    "pelayanan puskesmas sangat bagus dan cepat",
    "petugasnya ramah sekali, terima kasih banyak",
    "taman kota sekarang bersih dan indah",
    "jalannya sudah mulus, mantap pemkot",
    "pelayanan kelurahan cepat dan ramah",
    "senang sekali bus kota sekarang tepat waktu",
    "perpustakaan daerah nyaman dan lengkap",
    "terima kasih dinas kebersihan, sampah cepat diangkut",
    "pelayanan samsat bagus, antrean cepat",
    "mantap, lampu jalan sudah menyala semua",
    "rumah sakit daerah bersih dan dokternya ramah",
    "puas dengan pelayanan online yang cepat",
]
NEUTRAL = [
    "jadwal posyandu bulan ini hari selasa",
    "kantor kecamatan buka jam delapan pagi",
    "rapat warga diadakan di balai rw",
    "pendaftaran sekolah dibuka minggu depan",
    "bus kota berangkat dari terminal utama",
    "data penduduk diperbarui setiap semester",
    "kantor kelurahan pindah ke jalan merdeka",
    "jadwal pengambilan sampah hari senin dan kamis",
    "pengumuman lomba diumumkan di situs pemkot",
    "loket samsat ada di lantai dua",
    "pasar baru dibangun di dekat stasiun",
    "rapat dinas dijadwalkan hari jumat",
]
NEGATIVE = [
    "jalan rusak parah tidak pernah diperbaiki",
    "banjir lagi, selokan mampet dan bau",
    "pelayanan lambat sekali, kecewa berat",
    "petugasnya kasar dan tidak ramah",
    "sampah menumpuk bau busuk tidak diangkut",
    "lampu jalan mati, gelap dan rawan",
    "antrean lama sekali, pelayanan buruk",
    "kecewa, bus kota selalu terlambat",
    "jalan berlubang bikin celaka, parah",
    "air pdam mati terus, kecewa",
    "pelayanan rumah sakit buruk dan lambat",
    "banjir setiap hujan, tidak ada perbaikan",
]
ROWS = (
    [(t, "positif") for t in POSITIVE]
    + [(t, "netral") for t in NEUTRAL]
    + [(t, "negatif") for t in NEGATIVE]
)
SMALL_GRID = (Params(c=0.3), Params(classifier="logreg", c=10.0, balanced=False))


@pytest.fixture(scope="module")
def model() -> SentimentModel:
    return train(ROWS, params=Params(min_df=1))


def write_tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    english = {"positif": "positive", "netral": "neutral", "negatif": "negative"}
    path.write_text("".join(f"{t}\t{english[label]}\n" for t, label in rows), encoding="utf-8")
    return path


def test_tidy_text_lowercases_and_cuts_repeats_links_and_mentions() -> None:
    text = "Bagusss  BANGET @budi_01 lihat https://x.co/a #Mantap"
    assert tidy_text(text) == "baguss banget @user lihat httpurl mantap"
    assert tidy_text("maaf, saat ini") == "maaf, saat ini"


def test_terms_are_word_ngrams_and_padded_char_ngrams() -> None:
    assert word_terms("jalan rusak, parah!") == [
        "jalan",
        "rusak",
        "parah",
        "jalan rusak",
        "rusak parah",
    ]
    assert char_terms("ok", (2, 5)) == [" o", "ok", "k ", " ok", "ok ", " ok "]


def test_scores_match_scikit_learn_on_the_same_features() -> None:
    texts = [tidy_text(t) for t, _ in ROWS]
    blocks = [
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    ]
    matrix = hstack([b.fit_transform(texts) for b in blocks]).tocsr()
    y = [LABELS.index(label) for _, label in ROWS]
    reference = LinearSVC(C=0.3, class_weight="balanced", random_state=0).fit(matrix, y)
    ours = train(ROWS, params=Params(min_df=1)).scores([t for t, _ in ROWS])
    assert np.allclose(ours, reference.decision_function(matrix), atol=1e-5)


def test_predict_gives_labels_with_confidences(model: SentimentModel) -> None:
    predictions = model.predict([t for t, _ in ROWS])
    assert all(isinstance(p, Prediction) for p in predictions)
    assert all(1 / 3 <= p.confidence <= 1 for p in predictions)
    assert [p.label for p in predictions] == [label for _, label in ROWS]
    assert model.predict([]) == []
    assert model.predict([""])[0].label in LABELS


def test_save_and_load_give_identical_predictions_and_card(
    model: SentimentModel, tmp_path: Path
) -> None:
    path = tmp_path / "m" / "sentiment.npz"
    model.save(path)
    loaded = SentimentModel.load(path)
    texts = [t for t, _ in ROWS] + ["jalan mulus tapi banjir", "tidak ada kata"]
    assert loaded.predict(texts) == model.predict(texts)
    assert loaded.card == model.card
    header = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert header["arrays_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert header["training_rows"] == len(ROWS)
    assert header["params"]["min_df"] == 1
    assert header["labels"] == list(LABELS)
    with np.load(path, allow_pickle=False) as data:
        assert sorted(data.files) == ["coef", "idf", "intercept", "vocabulary"]


def test_load_refuses_missing_and_foreign_files(model: SentimentModel, tmp_path: Path) -> None:
    with pytest.raises(SentimentError) as missing:
        SentimentModel.load(tmp_path / "none.npz")
    assert missing.value.params == {"path": str(tmp_path / "none.npz")}
    path = tmp_path / "sentiment.npz"
    model.save(path)
    card = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    path.with_suffix(".json").write_text(json.dumps({**card, "format": 99}), encoding="utf-8")
    with pytest.raises(SentimentError):
        SentimentModel.load(path)


def test_train_needs_every_label_and_enough_rows() -> None:
    with pytest.raises(SentimentError):
        train(ROWS[:5])
    with pytest.raises(SentimentError):
        train([(t, "positif") for t in POSITIVE] + [(t, "negatif") for t in NEGATIVE])


class Fixed:
    def __init__(self, labels: list[str]) -> None:
        self.labels = labels

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [Prediction(label, 1.0) for label in self.labels]


def test_evaluate_scores_a_perfect_and_a_partly_wrong_classifier() -> None:
    truth = [label for _, label in ROWS]
    perfect = evaluate(Fixed(truth), ROWS)
    assert (perfect.macro_f1, perfect.low, perfect.high, perfect.n) == (100.0, 100.0, 100.0, 36)
    wrong = truth[:]
    wrong[0] = wrong[12] = wrong[30] = "netral"
    scores = evaluate(Fixed(wrong), ROWS)
    assert scores.low < scores.macro_f1 <= scores.high
    assert scores.macro_f1 < 100
    assert scores.per_class["positif"] == pytest.approx(200 * 11 / (12 + 11), abs=0.01)
    assert evaluate(Fixed(wrong), ROWS) == scores


def test_read_tsv_maps_english_labels_and_names_a_bad_line(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "rows.tsv", ROWS[:3])
    assert read_tsv(path) == ROWS[:3]
    path.write_text("bagus\tpositive\n\nbagus sekali\n", encoding="utf-8")
    with pytest.raises(SentimentError) as bad:
        read_tsv(path)
    assert bad.value.params["line"] == 3


def test_train_and_save_selects_on_validation_and_records_the_data(tmp_path: Path) -> None:
    train_path = write_tsv(tmp_path / "train.tsv", ROWS)
    valid_path = write_tsv(tmp_path / "valid.tsv", ROWS[::3])
    out = tmp_path / "out" / "sentiment.npz"
    card = train_and_save(train_path, valid_path, out, grid=SMALL_GRID)
    assert out.is_file() and out.with_suffix(".json").is_file()
    assert card["training_data"] == [
        {
            "file": "train.tsv",
            "sha256": hashlib.sha256(train_path.read_bytes()).hexdigest(),
            "rows": 36,
        }
    ]
    assert card["validation_data"]["rows"] == 12
    assert [s["params"] for s in card["selection"]] == [p.to_dict() for p in SMALL_GRID]
    best = max(card["selection"], key=lambda s: s["macro_f1"])
    assert card["params"] == best["params"]
    validation = card["scores"]["validation"]
    assert validation["low"] <= validation["macro_f1"] <= validation["high"]
    assert card["trained_at"][:2] == "20"
    assert SentimentModel.load(out).card == card


def test_shipped_model_reads_obvious_sentences() -> None:
    model = sentiment.load_default()
    assert model is sentiment.load_default()
    predictions = model.predict(
        [
            "pelayanannya sangat bagus dan cepat",
            "jalan rusak parah banjir tidak diperbaiki",
            "terima kasih, petugasnya ramah sekali",
            "kecewa berat, pelayanan buruk dan lambat",
        ]
    )
    assert [p.label for p in predictions] == ["positif", "negatif", "positif", "negatif"]
    card = model.card
    assert card["training_data"][0]["file"] == "train.tsv"
    assert card["scores"]["validation"]["n"] == 1260
    assert sentiment.default_model_path().stat().st_size < 8_000_000
