"""`satudata model train|evaluate`: retrain the sentiment model of the Big Data module on labelled
`text<TAB>label` files, or score a model on a validation file."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.engines.text.sentiment import (
    DEFAULT_TRAIN,
    DEFAULT_VALID,
    LABELS,
    Scores,
    SentimentError,
    SentimentModel,
    default_model_path,
    evaluate,
    read_tsv,
    train_and_save,
)
from satudata.platform.management.output import table


class Command(BaseCommand):
    help = "Train or evaluate the sentiment model of the Big Data module."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        training = actions.add_parser(
            "train", help="Pick parameters on --valid, train on --train, write --out."
        )
        training.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
        training.add_argument("--valid", type=Path, default=DEFAULT_VALID)
        training.add_argument("--out", type=Path, default=default_model_path())
        scoring = actions.add_parser("evaluate", help="Macro-F1 of a model on --valid.")
        scoring.add_argument("--valid", type=Path, default=DEFAULT_VALID)
        scoring.add_argument("--model", type=Path, default=default_model_path())

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "_" + options["action"])(options)
        except (SentimentError, OSError) as error:
            raise CommandError(str(error)) from error

    def _train(self, options: dict[str, Any]) -> None:
        card = train_and_save(options["train"], options["valid"], options["out"])
        scores = Scores(**card["scores"]["validation"])
        self.stdout.write(
            _("Model written to %(path)s (parameters %(params)s).")
            % {"path": options["out"], "params": card["params"]}
        )
        self._scores(scores)

    def _evaluate(self, options: dict[str, Any]) -> None:
        model = SentimentModel.load(options["model"])
        self._scores(evaluate(model, read_tsv(options["valid"])))

    def _scores(self, scores: Scores) -> None:
        self.stdout.write(
            _("Macro-F1 %(f1).2f (95%% interval %(low).2f–%(high).2f) on %(n)s rows.")
            % {"f1": scores.macro_f1, "low": scores.low, "high": scores.high, "n": scores.n}
        )
        rows = [(label, f"{scores.per_class[label]:.2f}") for label in LABELS]
        self.stdout.write(table([_("label"), _("F1")], rows))
