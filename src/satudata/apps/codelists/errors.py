"""Errors that code list and register actions raise; views turn them into messages."""

from satudata.apps.codelists.tables import ImportProblem


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
