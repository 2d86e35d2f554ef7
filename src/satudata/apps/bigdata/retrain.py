"""New versions of the sentiment model from the team's corrections.

Retraining adds every corrected sentiment (the masked post, normalised as the pipeline reads it)
to the SmSA training rows and trains with the parameters of the model in use. The new version is
scored on the SmSA validation split beside the model in use and **replaces it only if it scores
at least as well**; either way the attempt is kept in the history with both scores. Versions live
under the data folder (`bigdata-models/`); without one the shipped model is used."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from satudata.apps.bigdata.models import Correction
from satudata.engines.text import sentiment
from satudata.engines.text.informal import normalise
from satudata.platform import jobs

POINTER = "current.txt"
HISTORY = "history.json"


@dataclass(frozen=True)
class Attempt:
    at: str
    corrections: int
    macro_f1: float
    low: float
    high: float
    previous_macro_f1: float
    accepted: bool
    file: str


def folder() -> Path:
    return settings.DATA_DIR / "bigdata-models"


def current_path() -> Path | None:
    pointer = folder() / POINTER
    if not pointer.is_file():
        return None
    path = folder() / pointer.read_text(encoding="utf-8").strip()
    return path if path.is_file() else None


def current_model() -> sentiment.SentimentModel:
    path = current_path()
    return sentiment.SentimentModel.load(path) if path else sentiment.load_default()


def history() -> list[dict[str, Any]]:
    path = folder() / HISTORY
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def training_rows() -> list[tuple[str, str]]:
    return sentiment.read_tsv(sentiment.DEFAULT_TRAIN)


def validation_rows() -> list[tuple[str, str]]:
    return sentiment.read_tsv(sentiment.DEFAULT_VALID)


def corrected_rows() -> list[tuple[str, str]]:
    rows = Correction.objects.filter(field=Correction.Field.SENTIMENT).values_list(
        "text_masked", "value"
    )
    return [(normalise(text), value) for text, value in rows]


def do_retrain() -> Attempt:
    """Train, score beside the model in use, keep the better one, record the attempt."""
    corrected = corrected_rows()
    in_use = current_model()
    params = sentiment.Params.from_dict(in_use.card["params"])
    model = sentiment.train(training_rows() + corrected, params=params)
    valid = validation_rows()
    new, old = sentiment.evaluate(model, valid), sentiment.evaluate(in_use, valid)
    stamp = timezone.now()
    accepted = new.macro_f1 >= old.macro_f1
    name = f"sentiment-{stamp:%Y%m%d-%H%M%S}.npz"
    model.card.update(
        trained_at=stamp.isoformat(),
        corrections=len(corrected),
        scores={"validation": asdict(new)},
        replaced=in_use.card.get("trained_at", ""),
    )
    if accepted:
        model.save(folder() / name)
        (folder() / POINTER).write_text(name, encoding="utf-8")
    attempt = Attempt(
        at=stamp.isoformat(),
        corrections=len(corrected),
        macro_f1=round(new.macro_f1, 2),
        low=round(new.low, 2),
        high=round(new.high, 2),
        previous_macro_f1=round(old.macro_f1, 2),
        accepted=accepted,
        file=name if accepted else "",
    )
    folder().mkdir(parents=True, exist_ok=True)
    (folder() / HISTORY).write_text(
        json.dumps([asdict(attempt), *history()], indent=2) + "\n", encoding="utf-8"
    )
    return attempt


@jobs.handler("bigdata.retrain")
def retrain_job(context: jobs.JobContext) -> dict[str, Any]:
    return asdict(do_retrain())
