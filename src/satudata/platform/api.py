"""Cross-cutting pieces of the HTTP API: token authentication, the viewer of a request, the
one error envelope `{"error": {"code", "message", "details"}}` used by every endpoint, the
responses every operation documents and the rate limit for clients that are not signed in."""

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Annotated, Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from satudata.platform import access, http

_UNSET = object()


class ErrorBody(Schema):
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorEnvelope(Schema):
    error: ErrorBody


def errors(*codes: int) -> dict[int, type[ErrorEnvelope]]:
    """The error responses of an operation: `codes`, plus 401 (a wrong token is refused
    everywhere) and 429 (too many requests without signing in)."""
    return {code: ErrorEnvelope for code in sorted({*codes, 401, 429})}


def bearer_user(request: HttpRequest) -> Any:
    """The user of the request's bearer token (None when absent or not valid), looked up once."""
    cached = getattr(request, "_satudata_bearer", _UNSET)
    if cached is not _UNSET:
        return cached
    from satudata.apps.accounts.tokens import authenticate_token

    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    user = None
    if scheme.lower() == "bearer" and raw.strip():
        user = authenticate_token(raw.strip())
    request._satudata_bearer = user
    return user


def api_viewer(request: HttpRequest) -> access.Viewer:
    """The viewer of an API request: a bearer token first, else the browser session."""
    if "Authorization" in request.headers:
        user = bearer_user(request)
        if user is None:
            raise AuthenticationError
        request.user = user
        request._satudata_viewer = access.viewer_for(user)
    return access.viewer_of(request)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = bearer_user(request)
        if user is not None:
            request.user = user
            request._satudata_viewer = access.viewer_for(user)
        return user


class SessionUser(APIKeyCookie):
    """A signed-in browser session, CSRF-checked for writes (403 when the check fails). A request
    without a valid session is not signed in (401), whatever its cookies."""

    param_name = "sessionid"

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _(
                    "The CSRF check failed: send the csrftoken cookie's value in the "
                    "X-CSRFToken header, or use a token (Authorization: Bearer)."
                ),
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user


SIGNED_IN = [BearerToken(), SessionUser()]


def envelope(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> JsonResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return JsonResponse(body, status=status)


@lru_cache(maxsize=8)
def anonymous_rate(text: str) -> http.Rate | None:
    return http.parse_rate(text)


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return "Authorization" in request.headers and bearer_user(request) is not None


def limit_anonymous(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Counts the requests of clients that are not signed in per address (`API_RATE_ANON`);
    past the limit the answer is 429 with Retry-After. Every counted answer carries
    X-RateLimit-Limit, -Remaining and -Reset."""

    @wraps(run)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        rate = anonymous_rate(settings.API_RATE_ANON or "")
        if rate is None or _signed_in(request):
            return run(request, *args, **kwargs)
        window = http.count_hit("api-anon", http.client_address(request), rate)
        if window.allowed:
            response = run(request, *args, **kwargs)
        else:
            message = _(
                "Too many requests. Wait %(seconds)s seconds, or sign in with a token: "
                "signed-in clients are not limited."
            ) % {"seconds": window.reset_in}
            response = envelope(429, "rate_limited", message)
        for name, value in window.headers().items():
            response[name] = value
        return response

    return limited


COMMON_ERRORS = {
    "401": "A token was sent that is wrong, expired or revoked, or the operation needs one.",
    "422": "A parameter or the body does not fit this document.",
    "429": "Too many requests from this address without signing in; see Retry-After.",
}
ENVELOPE_REF = {"$ref": "#/components/schemas/ErrorEnvelope"}


class SatuDataAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document also names the errors any operation can answer:
    401 and 429 everywhere, 422 wherever there are parameters or a body."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ErrorEnvelope" not in components:
            found = ErrorEnvelope.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(found.pop("$defs", {}))
            components["ErrorEnvelope"] = found
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                codes = ["401", "429"]
                if operation.get("parameters") or operation.get("requestBody"):
                    codes.append("422")
                for code in codes:
                    if code not in responses and int(code) not in responses:
                        responses[code] = {
                            "description": COMMON_ERRORS[code],
                            "content": {"application/json": {"schema": ENVELOPE_REF}},
                        }
        return schema


HTTP_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            {"loc": [str(p) for p in e.get("loc", [])], "message": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return envelope(422, "invalid", _("The request is not valid."), details)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return envelope(
            401,
            "unauthenticated",
            _("Sign in or send a valid token: Authorization: Bearer <token>."),
        )

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return envelope(404, "not_found", _("Not found."))

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = _("The request body could not be read: send valid JSON.")
        code = HTTP_CODES.get(exc.status_code, "error")
        return envelope(exc.status_code, code, message)


MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**63 - 1

NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page (at most 100).")]


def page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"], query["limit"] = str(offset), str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paged(
    request: HttpRequest, rows: Any, offset: int, limit: int, convert: Callable[[Any], Any]
) -> dict[str, Any]:
    """One page of `rows` (a queryset or list) with `count` and absolute `next`/`previous`."""
    count = len(rows) if isinstance(rows, list) else rows.count()
    return {
        "count": count,
        "next": page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": page_url(request, max(offset - limit, 0), limit) if offset else None,
        "results": [convert(row) for row in rows[offset : offset + limit]],
    }
