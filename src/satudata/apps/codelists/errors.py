"""Errors that code list and register actions raise, and the problems of an imported file that
they carry; views turn them into messages."""

from dataclasses import dataclass, field

from satudata.platform.problems import translate_message


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an imported file, as the user sees it: row, column header, value and
    the rule broken. `message` (and `hint`, what to do) are English msgids with %(name)s
    placeholders."""

    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    hint: str = ""

    def text(self) -> str:
        where = {"row": self.row, "column": self.column, "value": self.value}
        values = {**where, **self.params}
        parts = (translate_message(self.message, values), translate_message(self.hint, values))
        return " ".join(part for part in parts if part)


class TableError(Exception):
    """The file cannot be read as a table at all."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class ActionError(Exception):
    """A refused action, with a message written for the user (already translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(ActionError):
    """The user may not do this."""


class ImportRejected(ActionError):
    """The file has problems; nothing was changed. `problems` names each one."""

    def __init__(self, message: str, problems: list[ImportProblem]) -> None:
        super().__init__(message)
        self.problems = problems
