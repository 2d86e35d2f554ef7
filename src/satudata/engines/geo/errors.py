"""Errors that stop a layer upload; each carries a `Problem` saying why and what to do."""

from __future__ import annotations

from typing import Any, TypeVar

from satudata.engines.tabular.problems import Problem


class LayerError(Exception):
    """A layer that cannot be read at all."""

    rule = "layer.unreadable"

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.text())
        self.problem = problem


class LayerFormatError(LayerError):
    rule = "layer.format"


class LayerUnreadableError(LayerError):
    rule = "layer.unreadable"


class LayerChoiceError(LayerError):
    """The file holds several layers and none (or an unknown one) was chosen."""

    rule = "layer.choice"


class CrsMissingError(LayerError):
    """The layer does not say its coordinate system: a question for the uploader, not a guess."""

    rule = "crs.missing"


class CrsUnknownError(LayerError):
    rule = "crs.unknown"


E = TypeVar("E", bound=LayerError)


def geo_fail(error: type[E], message: str, hint: str, **params: Any) -> E:
    return error(Problem(rule=error.rule, message=message, hint=hint, params=params))
