"""Lexicon baseline for Indonesian sentiment, in the style of InSet (the Indonesia Sentiment
Lexicon: words weighted from −5 to +5, a text scored by the sum of its words' weights).

The published InSet word list is not shipped with satudata, so the lexicon here is derived from
labelled training rows: each word seen at least `min_count` times gets the smoothed log-odds of
appearing in positive rather than negative rows (add-`alpha` smoothing over the vocabulary),
multiplied by `scale`, rounded and clipped to an integer from −5 to +5; words weighted 0 are left
out. A text is negatif when its summed weight is below `low`, positif when above `high`, netral
in between; both thresholds are chosen on the same training rows for the best macro-F1. It is a
baseline to compare the sentiment model with, not the InSet lexicon itself.

- `derive_lexicon(rows)` -> `Lexicon`; `Lexicon.score(text)`, `Lexicon.predict(texts)`.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from satudata.engines.text.sentiment import (
    LABELS,
    N_,
    Prediction,
    SentimentError,
    macro_f1,
    tidy_text,
    word_terms,
)

MAX_WEIGHT = 5
THRESHOLD_CANDIDATES = 41


@dataclass(frozen=True)
class Lexicon:
    weights: dict[str, int]
    low: float
    high: float

    def score(self, text: str) -> int:
        """The summed weight of the words of a text."""
        return sum(self.weights.get(word, 0) for word in word_terms(tidy_text(text), (1, 1)))

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Label by thresholds; the confidence grows with the distance to the nearest one."""
        predictions = []
        for text in texts:
            score = self.score(text)
            if score < self.low:
                label, margin = LABELS[0], self.low - score
            elif score > self.high:
                label, margin = LABELS[2], score - self.high
            else:
                label, margin = LABELS[1], min(score - self.low, self.high - score) + 0.5
            predictions.append(Prediction(label, round(1 / (1 + math.exp(-margin / 2)), 4)))
        return predictions


def _weights(
    rows: Sequence[tuple[str, str]], min_count: int, alpha: float, scale: float
) -> dict[str, int]:
    counts = {label: Counter[str]() for label in LABELS}
    for text, label in rows:
        counts[label].update(word_terms(tidy_text(text), (1, 1)))
    positive, negative = counts[LABELS[2]], counts[LABELS[0]]
    seen = positive + negative + counts[LABELS[1]]
    vocabulary = [word for word, n in seen.items() if n >= min_count]
    pos_total = sum(positive.values()) + alpha * len(vocabulary)
    neg_total = sum(negative.values()) + alpha * len(vocabulary)
    weights = {}
    for word in vocabulary:
        odds = math.log((positive[word] + alpha) / pos_total) - math.log(
            (negative[word] + alpha) / neg_total
        )
        weight = max(-MAX_WEIGHT, min(MAX_WEIGHT, round(odds * scale)))
        if weight:
            weights[word] = weight
    return weights


def _thresholds(scores: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """The (low, high) pair from score quantiles with the best macro-F1 on the given rows."""
    candidates = np.unique(np.quantile(scores, np.linspace(0, 1, THRESHOLD_CANDIDATES))) + 0.5
    best, chosen = -1.0, (0.0, 0.0)
    for i, low in enumerate(candidates):
        for high in candidates[i:]:
            predicted = np.where(scores < low, 0, np.where(scores > high, 2, 1))
            f1 = macro_f1(truth, predicted)[0]
            if f1 > best:
                best, chosen = f1, (float(low), float(high))
    return chosen


def derive_lexicon(
    rows: Sequence[tuple[str, str]],
    *,
    min_count: int = 3,
    alpha: float = 1.0,
    scale: float = 2.0,
) -> Lexicon:
    """Word weights and thresholds from `(text, label)` rows, labels from `LABELS`."""
    if not rows:
        raise SentimentError(N_("There are no rows to derive a lexicon from."))
    weights = _weights(rows, min_count, alpha, scale)
    unweighted = Lexicon(weights, 0.0, 0.0)
    scores = np.array([unweighted.score(text) for text, _ in rows], dtype=np.float64)
    truth = np.array([LABELS.index(label) for _, label in rows], dtype=np.int64)
    low, high = _thresholds(scores, truth)
    return Lexicon(weights, low, high)
