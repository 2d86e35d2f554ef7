"""Engine problems (stored as dicts with English msgids) in the reader's language.

Pages, the API and the command line all speak about an upload's problems through these."""

from typing import Any

from django.utils.translation import gettext

PLACE_KEYS = ("sheet", "row", "column", "value")


def translate_message(msgid: str, params: dict[str, Any] | None) -> str:
    """An engine message (an English msgid with %(name)s parameters) in the active language."""
    if not msgid:
        return ""
    text = gettext(msgid)
    if not params:
        return text
    try:
        return text % params
    except (KeyError, ValueError, TypeError):
        return msgid % params


def problem_params(problem: dict[str, Any]) -> dict[str, Any]:
    """The values a problem's message may name: where it is, and the rule's own parameters."""
    where = {key: problem.get(key) for key in PLACE_KEYS}
    return {**where, **(problem.get("params") or {})}


def problem_message(problem: dict[str, Any]) -> str:
    return translate_message(problem.get("message", ""), problem_params(problem))


def problem_hint(problem: dict[str, Any]) -> str:
    return translate_message(problem.get("hint", ""), problem_params(problem))
