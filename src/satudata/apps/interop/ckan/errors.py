"""The errors of the CKAN Action API: each carries CKAN's `__type` and HTTP status, and turns
into the `error` member of CKAN's envelope."""

from typing import Any

from django.utils.translation import gettext as _


class CkanError(Exception):
    kind = "Internal Server Error"
    status = 500

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"__type": self.kind, "message": self.message}


class NotFound(CkanError):
    kind = "Not Found Error"
    status = 404

    def __init__(self, message: str = "") -> None:
        super().__init__(message or _("Not found"))


class NotAuthorized(CkanError):
    kind = "Authorization Error"
    status = 403


class Invalid(CkanError):
    """A parameter that cannot be used; CKAN names the field with a list of messages."""

    kind = "Validation Error"
    status = 409

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def body(self) -> dict[str, Any]:
        return {"__type": self.kind, self.field: [self.message]}


class SearchQueryError(CkanError):
    kind = "Search Query Error"
    status = 400

    def body(self) -> dict[str, Any]:
        return {
            "__type": self.kind,
            "message": _("Search Query is invalid: %(reason)s") % {"reason": self.message},
        }


class SearchError(CkanError):
    kind = "Search Error"
    status = 409


class BadRequest(CkanError):
    kind = "Bad Request"
    status = 400

    def body(self) -> dict[str, Any]:
        return {
            "__type": self.kind,
            "message": _("Bad request - %(reason)s") % {"reason": self.message},
        }


class MethodNotAllowed(CkanError):
    kind = "Bad Request"
    status = 405


class TooManyRequests(CkanError):
    kind = "Too Many Requests"
    status = 429
