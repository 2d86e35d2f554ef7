"""Sentiment of Indonesian posts (negatif, netral, positif) for the Big Data module.

A linear model over TF-IDF features of the post: word unigrams and bigrams plus character 2–5-grams
inside each word, with sublinear term frequency, so that informal spellings still share most of
their features with the standard word. The score of each class is a linear function of those
features; the confidence is the softmax of the scores at a temperature fitted on a held-out fifth
of the training rows.

- `train(rows, params=Params())` -> `SentimentModel`; `train_and_save(train, valid, out)` picks
  the parameters on the validation file from a small grid, trains on the training file only,
  scores it on the validation file and writes it;
- `SentimentModel.predict(texts)` -> `[Prediction(label, confidence)]`, numpy only;
- `SentimentModel.save(path)` / `SentimentModel.load(path)`: arrays in `<name>.npz`, the model card
  (training data with sha256, date, parameters, scores) in `<name>.json`;
- `evaluate(model, rows)` -> `Scores` with a bootstrap 95% interval of the macro-F1;
- `read_tsv(path)`: `text<TAB>label` rows, labels in English (SmSA) or Indonesian;
- `default_model_path()`, `load_default()`: the model shipped with satudata.
"""

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


LABELS = ("negatif", "netral", "positif")
LABEL_NAMES = {
    "negative": "negatif",
    "neutral": "netral",
    "positive": "positif",
    **{label: label for label in LABELS},
}
FORMAT = 1
SMSA_DIR = Path(__file__).parent / "data" / "smsa"
DEFAULT_TRAIN = SMSA_DIR / "train.tsv"
DEFAULT_VALID = SMSA_DIR / "valid.tsv"
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20240515
CALIBRATION_SEED = 7
WORD_CACHE = 1 << 18

URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@\w+")
HASHTAG = re.compile(r"#(\w+)")
REPEATS = re.compile(r"(\w)\1{2,}")
WORD = re.compile(r"(?u)\b\w\w+\b")


class SentimentError(ValueError):
    """A data or model file that cannot be used; `message` and `params` say why."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float


@dataclass(frozen=True)
class Params:
    """Features and classifier. `classifier` is "svm" (linear SVM) or "logreg" (softmax)."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2
    classifier: str = "svm"
    c: float = 0.3
    balanced: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The parameters as JSON values."""
        return {
            **asdict(self),
            "word_ngrams": [*self.word_ngrams],
            "char_ngrams": [*self.char_ngrams],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Params":
        return cls(
            word_ngrams=(int(data["word_ngrams"][0]), int(data["word_ngrams"][1])),
            char_ngrams=(int(data["char_ngrams"][0]), int(data["char_ngrams"][1])),
            min_df=int(data["min_df"]),
            classifier=str(data["classifier"]),
            c=float(data["c"]),
            balanced=bool(data["balanced"]),
        )


GRID = tuple(
    Params(classifier=classifier, c=c, balanced=balanced)
    for classifier, c in (("svm", 0.1), ("svm", 0.3), ("svm", 1.0), ("logreg", 10.0))
    for balanced in (True, False)
)


@dataclass(frozen=True)
class Scores:
    macro_f1: float
    low: float
    high: float
    per_class: dict[str, float]
    n: int


@dataclass
class _Arrays:
    vocabulary: list[str]
    n_word: int
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    words: dict[str, int] = field(init=False)
    chars: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.words = {term: i for i, term in enumerate(self.vocabulary[: self.n_word])}
        chars = self.vocabulary[self.n_word :]
        self.chars = {term: i + self.n_word for i, term in enumerate(chars)}


class Classifier(Protocol):
    def predict(self, texts: Sequence[str]) -> list[Prediction]: ...


def tidy_text(text: str) -> str:
    """Lowercase; links, mentions and hashtag signs made uniform; letters repeated three or more
    times cut to two; runs of whitespace to one space."""
    text = text.lower()
    if "http" in text or "www." in text:
        text = URL.sub(" httpurl ", text)
    if "@" in text:
        text = MENTION.sub(" @user ", text)
    if "#" in text:
        text = HASHTAG.sub(r"\1", text)
    return " ".join(REPEATS.sub(r"\1\1", text).split())


def word_terms(text: str, ngrams: tuple[int, int] = (1, 2)) -> list[str]:
    """Word n-grams of a tidied text (words of two or more letters or digits)."""
    words = WORD.findall(text)
    terms: list[str] = []
    for n in range(ngrams[0], ngrams[1] + 1):
        if n == 1:
            terms.extend(words)
        else:
            terms.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return terms


def char_terms(word: str, ngrams: tuple[int, int] = (2, 5)) -> list[str]:
    """Character n-grams of one word padded with a space on each side; a padded word no longer
    than n counts once, whole (as scikit-learn's `char_wb` analyser does)."""
    padded = f" {word} "
    terms: list[str] = []
    for n in range(ngrams[0], ngrams[1] + 1):
        if len(padded) <= n:
            terms.append(padded)
            break
        terms.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return terms


def _text_char_terms(text: str, ngrams: tuple[int, int]) -> list[str]:
    return [term for word in text.split() for term in char_terms(word, ngrams)]


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=1, keepdims=True)


class SentimentModel:
    """A trained sentiment model: vocabulary, idf weights and linear coefficients per class."""

    def __init__(self, arrays: _Arrays, card: dict[str, Any]) -> None:
        self._arrays = arrays
        self.card = card
        self.params = Params.from_dict(card["params"])
        self.temperature = float(card["temperature"])
        self._word_ids = lru_cache(maxsize=WORD_CACHE)(self._char_ids)

    def _char_ids(self, word: str) -> tuple[int, ...]:
        index = self._arrays.chars
        return tuple(index[t] for t in char_terms(word, self.params.char_ngrams) if t in index)

    def _block(
        self, rows: np.ndarray, ids: np.ndarray, n: int, scores: np.ndarray, weights: np.ndarray
    ) -> None:
        """Add one feature block (l2-normalised sublinear TF-IDF) of every text to `scores`."""
        if not len(ids):
            return
        size = len(self._arrays.vocabulary)
        keys, counts = np.unique(rows * size + ids, return_counts=True)
        rows, ids = keys // size, keys % size
        values = (1.0 + np.log(counts)) * self._arrays.idf[ids]
        norms = np.sqrt(np.bincount(rows, values * values, minlength=n))
        values = values / norms[rows]
        for k in range(len(LABELS)):
            scores[:, k] += np.bincount(rows, values * weights[k, ids], minlength=n)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """The linear score of each class (columns in `LABELS` order) for each text."""
        n = len(texts)
        index = self._arrays.words
        word_ids: list[int] = []
        word_counts: list[int] = []
        char_ids: list[int] = []
        char_counts: list[int] = []
        for text in texts:
            tidied = tidy_text(text)
            terms = word_terms(tidied, self.params.word_ngrams)
            found = [i for i in map(index.get, terms) if i is not None]
            word_ids.extend(found)
            word_counts.append(len(found))
            before = len(char_ids)
            for word in tidied.split():
                char_ids.extend(self._word_ids(word))
            char_counts.append(len(char_ids) - before)
        scores = np.tile(self._arrays.intercept.astype(np.float64), (n, 1))
        for ids, counts in ((word_ids, word_counts), (char_ids, char_counts)):
            rows = np.repeat(np.arange(n, dtype=np.int64), counts)
            self._block(rows, np.array(ids, dtype=np.int64), n, scores, self._arrays.coef)
        return scores

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        if not texts:
            return []
        probabilities = _softmax(self.scores(texts) * self.temperature)
        best = probabilities.argmax(axis=1)
        return [
            Prediction(LABELS[k], round(float(p), 4))
            for k, p in zip(best, probabilities[np.arange(len(best)), best], strict=True)
        ]

    def save(self, path: Path) -> None:
        """Write `path` (.npz arrays) and the card beside it (same name, .json)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        terms = "\n".join(self._arrays.vocabulary).encode("utf-8")
        with path.open("wb") as out:
            np.savez_compressed(
                out,
                vocabulary=np.frombuffer(terms, dtype=np.uint8),
                idf=self._arrays.idf,
                coef=self._arrays.coef,
                intercept=self._arrays.intercept,
            )
        card = {**self.card, "arrays_sha256": sha256_of(path)}
        path.with_suffix(".json").write_text(
            json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.card = card

    @classmethod
    def load(cls, path: Path) -> "SentimentModel":
        path = Path(path)
        header = path.with_suffix(".json")
        if not path.is_file() or not header.is_file():
            raise SentimentError(
                N_("No sentiment model at %(path)s: train one with `satudata model train`."),
                path=str(path),
            )
        card = json.loads(header.read_text(encoding="utf-8"))
        if card.get("format") != FORMAT or tuple(card.get("labels", ())) != LABELS:
            raise SentimentError(
                N_("%(path)s is not a sentiment model this version of satudata can read."),
                path=str(path),
            )
        with np.load(path, allow_pickle=False) as data:
            vocabulary = bytes(data["vocabulary"]).decode("utf-8").split("\n")
            arrays = _Arrays(
                vocabulary=vocabulary,
                n_word=int(card["features"]["word"]),
                idf=data["idf"],
                coef=data["coef"],
                intercept=data["intercept"],
            )
        return cls(arrays, card)


def _fit_features(texts: Sequence[str], params: Params) -> tuple[_Arrays, Any]:
    """Vocabulary and idf of both blocks, and the training matrix (scipy sparse)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    tidied = [tidy_text(t) for t in texts]
    blocks = [
        TfidfVectorizer(
            analyzer=lambda t: word_terms(t, params.word_ngrams),
            sublinear_tf=True,
            min_df=params.min_df,
            dtype=np.float32,
        ),
        TfidfVectorizer(
            analyzer=lambda t: _text_char_terms(t, params.char_ngrams),
            sublinear_tf=True,
            min_df=params.min_df,
            dtype=np.float32,
        ),
    ]
    matrix = hstack([block.fit_transform(tidied) for block in blocks]).tocsr()
    words, chars = (list(block.get_feature_names_out()) for block in blocks)
    arrays = _Arrays(
        vocabulary=words + chars,
        n_word=len(words),
        idf=np.concatenate([block.idf_ for block in blocks]).astype(np.float32),
        coef=np.zeros((len(LABELS), 0), dtype=np.float32),
        intercept=np.zeros(len(LABELS), dtype=np.float32),
    )
    return arrays, matrix


def _fit_linear(matrix: Any, y: np.ndarray, params: Params) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    weight = "balanced" if params.balanced else None
    if params.classifier == "svm":
        model: Any = LinearSVC(C=params.c, class_weight=weight, random_state=0)
    elif params.classifier == "logreg":
        model = LogisticRegression(C=params.c, class_weight=weight, max_iter=3000)
    else:
        raise SentimentError(N_("Unknown classifier “%(name)s”."), name=params.classifier)
    if len(set(y.tolist())) != len(LABELS):
        raise SentimentError(
            N_("The training rows must contain every label: negatif, netral, positif.")
        )
    model.fit(matrix, y)
    return model.coef_.astype(np.float32), model.intercept_.astype(np.float32)


def _fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the log-loss of softmax(scores * t) over a coarse grid."""
    grid = np.exp(np.linspace(np.log(0.1), np.log(20.0), 120))
    rows = np.arange(len(y))
    losses = [-np.log(_softmax(scores * t)[rows, y] + 1e-12).mean() for t in grid]
    return round(float(grid[int(np.argmin(losses))]), 4)


def _label_ids(rows: Sequence[tuple[str, str]]) -> np.ndarray:
    return np.array([LABELS.index(label) for _, label in rows], dtype=np.int64)


def _build(rows: Sequence[tuple[str, str]], params: Params) -> SentimentModel:
    arrays, matrix = _fit_features([text for text, _ in rows], params)
    arrays.coef, arrays.intercept = _fit_linear(matrix, _label_ids(rows), params)
    card = {
        "format": FORMAT,
        "labels": list(LABELS),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_rows": len(rows),
        "params": params.to_dict(),
        "temperature": 1.0,
        "features": {"word": arrays.n_word, "char": len(arrays.vocabulary) - arrays.n_word},
    }
    return SentimentModel(arrays, card)


def train(rows: Sequence[tuple[str, str]], *, params: Params = Params()) -> SentimentModel:
    """Train on `(text, label)` rows, labels from `LABELS`. The confidence temperature is fitted
    on a held-out fifth of the rows by a model trained on the other four fifths."""
    if len(rows) < 10:
        raise SentimentError(N_("At least 10 training rows are needed, %(n)s given."), n=len(rows))
    order = np.random.default_rng(CALIBRATION_SEED).permutation(len(rows))
    cut = len(rows) // 5
    held, kept = [rows[i] for i in order[:cut]], [rows[i] for i in order[cut:]]
    held_scores = _build(kept, params).scores([text for text, _ in held])
    model = _build(rows, params)
    model.temperature = _fit_temperature(held_scores, _label_ids(held))
    model.card["temperature"] = model.temperature
    return model


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, dict[str, float]]:
    """Macro-F1 (0–100) and the F1 of each label, for label ids."""
    k = len(LABELS)
    confusion = np.bincount(truth * k + predicted, minlength=k * k).reshape(k, k)
    f1 = _f1_from_confusion(confusion[None])[0]
    return float(f1.mean()), {
        label: round(float(v), 2) for label, v in zip(LABELS, f1, strict=True)
    }


def _f1_from_confusion(confusion: np.ndarray) -> np.ndarray:
    """F1 (0–100) per label for a stack of confusion matrices (truth × predicted)."""
    hits = np.diagonal(confusion, axis1=1, axis2=2).astype(np.float64)
    total = confusion.sum(axis=2) + confusion.sum(axis=1)
    return np.divide(200 * hits, total, out=np.zeros_like(hits), where=total > 0)


def evaluate(model: Classifier, rows: Sequence[tuple[str, str]]) -> Scores:
    """Macro-F1 of the model on labelled rows with a bootstrap 95% interval (percentile method,
    1000 resamples of the rows, fixed seed)."""
    if not rows:
        raise SentimentError(N_("There are no rows to evaluate."))
    truth = _label_ids(rows)
    predicted = np.array(
        [LABELS.index(p.label) for p in model.predict([text for text, _ in rows])], dtype=np.int64
    )
    point, per_class = macro_f1(truth, predicted)
    k, n = len(LABELS), len(rows)
    draws = np.random.default_rng(BOOTSTRAP_SEED).integers(0, n, size=(BOOTSTRAP_RESAMPLES, n))
    codes = (truth * k + predicted)[draws] + (np.arange(BOOTSTRAP_RESAMPLES) * k * k)[:, None]
    confusion = np.bincount(codes.ravel(), minlength=BOOTSTRAP_RESAMPLES * k * k)
    resampled = _f1_from_confusion(confusion.reshape(BOOTSTRAP_RESAMPLES, k, k)).mean(axis=1)
    low, high = np.percentile(resampled, [2.5, 97.5])
    return Scores(round(point, 2), round(float(low), 2), round(float(high), 2), per_class, n)


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """`text<TAB>label` lines (no header); labels positive/neutral/negative or Indonesian."""
    rows: list[tuple[str, str]] = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, tab, label = line.rpartition("\t")
            if not tab or label.strip().lower() not in LABEL_NAMES:
                raise SentimentError(
                    N_(
                        "Line %(line)s of %(path)s is not “text<TAB>label” with a label "
                        "positive, neutral or negative."
                    ),
                    line=number,
                    path=str(path),
                )
            rows.append((text, LABEL_NAMES[label.strip().lower()]))
    return rows


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _data_entry(path: Path, rows: int) -> dict[str, Any]:
    return {"file": Path(path).name, "sha256": sha256_of(path), "rows": rows}


def _selection_score(
    features: tuple[_Arrays, Any], y: np.ndarray, params: Params, valid: Sequence[tuple[str, str]]
) -> float:
    base, matrix = features
    coef, intercept = _fit_linear(matrix, y, params)
    arrays = _Arrays(base.vocabulary, base.n_word, base.idf, coef, intercept)
    candidate = SentimentModel(arrays, {"params": params.to_dict(), "temperature": 1.0})
    predicted = candidate.scores([text for text, _ in valid]).argmax(axis=1)
    return round(macro_f1(_label_ids(valid), predicted)[0], 2)


def train_and_save(
    train_path: Path = DEFAULT_TRAIN,
    valid_path: Path = DEFAULT_VALID,
    out_path: Path | None = None,
    *,
    grid: Sequence[Params] = GRID,
) -> dict[str, Any]:
    """Pick the parameters with the best validation macro-F1 from `grid` (each trained on the
    training file only), train the chosen model, score it on the validation file with its
    bootstrap interval, write it to `out_path` (the shipped model by default) and return its
    card."""
    train_rows, valid_rows = read_tsv(train_path), read_tsv(valid_path)
    y = _label_ids(train_rows)
    selection = []
    features: dict[tuple[Any, ...], tuple[_Arrays, Any]] = {}
    for params in grid:
        key = (params.word_ngrams, params.char_ngrams, params.min_df)
        if key not in features:
            features[key] = _fit_features([text for text, _ in train_rows], params)
        score = _selection_score(features[key], y, params, valid_rows)
        selection.append({"params": params.to_dict(), "macro_f1": score})
    best = max(range(len(grid)), key=lambda i: selection[i]["macro_f1"])
    model = train(train_rows, params=grid[best])
    scores = evaluate(model, valid_rows)
    model.card.update(
        {
            "training_data": [_data_entry(train_path, len(train_rows))],
            "validation_data": _data_entry(valid_path, len(valid_rows)),
            "data_source": "SmSA (IndoNLU), CC BY-SA 4.0, data by Prosa.ai",
            "scores": {"validation": asdict(scores)},
            "selection": selection,
        }
    )
    model.save(Path(out_path) if out_path is not None else default_model_path())
    return model.card


def default_model_path() -> Path:
    return Path(__file__).resolve().parent / "models" / "sentiment.npz"


@cache
def load_default() -> SentimentModel:
    """The shipped model, loaded once per process."""
    return SentimentModel.load(default_model_path())
