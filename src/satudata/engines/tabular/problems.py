"""Problems found in an upload, the typed errors that stop it, and a capped problem log.

Every message and hint is an English gettext msgid marked with `N_` (the Django layer extracts
them with `makemessages --keyword=N_` and translates them); the values go in `params`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


def identity(text: str) -> str:
    return text


Translate = Callable[[str], str]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, located as the user sees it: sheet, 1-based row, header text, value."""

    rule: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        """The values the message placeholders may use."""
        base = {"sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value}
        return {**base, **self.params}

    def text(self, tr: Translate = identity) -> str:
        return tr(self.message) % self.context()

    def hint_text(self, tr: Translate = identity) -> str:
        return tr(self.hint) % self.context() if self.hint else ""


@dataclass(frozen=True, slots=True)
class ProblemCount:
    rule: str
    column: str | None
    severity: Severity
    count: int


class TabularError(Exception):
    """A file that cannot be read at all; `problem` says why and what to do."""

    rule = "file.unreadable"

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.text())
        self.problem = problem


class EmptyFileError(TabularError):
    rule = "file.empty"


class FileTooLargeError(TabularError):
    rule = "file.too_large"


class UnsupportedFormatError(TabularError):
    rule = "file.unsupported"


class EncryptedFileError(TabularError):
    rule = "file.encrypted"


class MacroFileError(TabularError):
    rule = "file.macro"


class ZipBombError(TabularError):
    rule = "file.zip_bomb"


class CorruptFileError(TabularError):
    rule = "file.corrupt"


class NoDataError(TabularError):
    rule = "file.no_data"


class SheetNotFoundError(TabularError):
    rule = "sheet.not_found"


E = TypeVar("E", bound=TabularError)


def fail(error: type[E], message: str, hint: str, **params: Any) -> E:
    """Build a typed error whose problem carries the error's rule."""
    return error(Problem(rule=error.rule, message=message, hint=hint, params=params))


class ProblemLog:
    """Collects problems: counts every one per (rule, column), keeps a fair capped sample."""

    def __init__(self, cap: int = 1000) -> None:
        self.cap = cap
        self._items: dict[tuple[str, str | None], list[Problem]] = {}
        self._counts: Counter[tuple[str, str | None, Severity]] = Counter()

    def add(self, problem: Problem) -> None:
        self.add_many([problem], total=1)

    def add_many(self, problems: Iterable[Problem], total: int) -> None:
        """Record `total` problems of which `problems` is a sample (all of one rule and column)."""
        items = list(problems)
        if not items:
            return
        first = items[0]
        kept = self._items.setdefault((first.rule, first.column), [])
        kept.extend(items[: max(0, self.cap - len(kept))])
        self._counts[(first.rule, first.column, first.severity)] += max(total, len(items))

    @property
    def has_errors(self) -> bool:
        return any(sev is Severity.ERROR for (_, _, sev) in self._counts)

    def counts(self) -> list[ProblemCount]:
        return [
            ProblemCount(rule=rule, column=column, severity=sev, count=n)
            for (rule, column, sev), n in sorted(
                self._counts.items(), key=lambda kv: (kv[0][2] != Severity.ERROR, kv[0][0])
            )
        ]

    def problems(self) -> list[Problem]:
        """At most `cap` problems, taken in turn from each (rule, column), ordered by row."""
        groups = [list(g) for g in self._items.values()]
        chosen: list[Problem] = []
        depth = 0
        while len(chosen) < self.cap and any(depth < len(g) for g in groups):
            for g in groups:
                if depth < len(g) and len(chosen) < self.cap:
                    chosen.append(g[depth])
            depth += 1
        return sorted(chosen, key=lambda p: (p.row is not None, p.row or 0, p.severity, p.rule))
