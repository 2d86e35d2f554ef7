"""Errors that catalog actions raise; views turn them into messages for the user."""


class ActionError(Exception):
    """A refused action, with a message written for the user (already translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(ActionError):
    """The user may not do this (views answer 404 when the object is hidden, else 403)."""
