"""Cross-cutting pieces of the HTTP API: token authentication, the viewer of a request and the
one error envelope `{"error": {"code", "message", "details"}}` used by every endpoint."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from satudata.platform import access


class ErrorBody(Schema):
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorEnvelope(Schema):
    error: ErrorBody


def _bearer_user(request: HttpRequest) -> Any:
    from satudata.apps.accounts.tokens import authenticate_token

    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    return authenticate_token(raw.strip())


def api_viewer(request: HttpRequest) -> access.Viewer:
    """The viewer of an API request: a bearer token first, else the browser session."""
    if "Authorization" in request.headers:
        user = _bearer_user(request)
        if user is None:
            raise AuthenticationError
        request.user = user
        request._satudata_viewer = access.viewer_for(user)
    return access.viewer_of(request)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from satudata.apps.accounts.tokens import authenticate_token

        user = authenticate_token(token)
        if user is not None:
            request.user = user
            request._satudata_viewer = access.viewer_for(user)
        return user


class SessionUser(APIKeyCookie):
    """A signed-in browser session (CSRF-checked for writes)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


SIGNED_IN = [BearerToken(), SessionUser()]


def error(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return api.create_response(request, body, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            {"loc": [str(p) for p in e.get("loc", [])], "message": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return error(api, request, 422, "invalid", _("The request is not valid."), details)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error(
            api,
            request,
            401,
            "unauthenticated",
            _("Sign in or send a valid token: Authorization: Bearer <token>."),
        )

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {
            400: "bad_request",
            403: "forbidden",
            404: "not_found",
            409: "conflict",
            413: "too_large",
            429: "rate_limited",
        }
        return error(api, request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))
