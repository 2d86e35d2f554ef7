"""The CKAN Action API's one entry point: `/api/3/action/<name>` (and `/api/action/<name>`).

It reads the call (query string, form or JSON body), signs the client in by its API token
(`Authorization: <token>`, with or without "Bearer", or `X-CKAN-API-Key`), counts the requests
of clients that are not signed in (`SATUDATA_API_RATE_ANON`), runs the action and answers in
CKAN's envelope: `{"help", "success": true, "result"}` or `{"help", "success": false, "error":
{"__type", …}}` with CKAN's HTTP status. Anonymous GETs may be read from any web page (CORS)."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from satudata.apps.accounts.tokens import authenticate_token
from satudata.apps.interop.ckan.errors import (
    BadRequest,
    CkanError,
    MethodNotAllowed,
    NotAuthorized,
    TooManyRequests,
)
from satudata.apps.interop.ckan.handlers import ACTIONS, help_url
from satudata.apps.interop.ckan.params import Params, request_params
from satudata.platform import access
from satudata.platform.api import limit_anonymous

TOKEN_HEADERS = ("Authorization", "X-CKAN-API-Key")
METHODS = ("GET", "POST")


def _answer(request: HttpRequest, name: str, body: dict[str, Any], status: int) -> JsonResponse:
    envelope = {"help": help_url(request, name), **body}
    return JsonResponse(
        envelope,
        status=status,
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )


def _failure(request: HttpRequest, name: str, error: CkanError) -> JsonResponse:
    return _answer(request, name, {"success": False, "error": error.body()}, error.status)


def _sign_in(request: HttpRequest) -> None:
    """A token in the headers signs the request in; a token that is not valid is refused."""
    raw = next((request.headers[h] for h in TOKEN_HEADERS if request.headers.get(h)), "")
    if not raw:
        return
    scheme, _sep, rest = raw.strip().partition(" ")
    token = rest.strip() if scheme.lower() == "bearer" else raw.strip()
    user = authenticate_token(token) if token else None
    if user is None:
        raise NotAuthorized(_("Access denied: the API token is not valid, expired or revoked."))
    request.user = user
    request._satudata_bearer = user
    request._satudata_viewer = access.viewer_for(user)


def _run(request: HttpRequest, name: str) -> HttpResponseBase:
    handler = ACTIONS.get(name)
    try:
        if handler is None:
            raise BadRequest(_("Action name not known: %(name)s") % {"name": name})
        params = Params(request_params(request))
        result = handler(request, access.viewer_of(request), params)
    except CkanError as error:
        return _failure(request, name, error)
    return _answer(request, name, {"success": True, "result": result}, 200)


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Authorization, Content-Type, X-CKAN-API-Key"
    return response


def _rate_limited(request: HttpRequest, name: str, response: HttpResponseBase) -> HttpResponseBase:
    """The project's 429 answer, in CKAN's envelope, keeping its rate-limit headers."""
    error = TooManyRequests(
        _("Too many requests. Wait %(seconds)s seconds, or send an API token.")
        % {"seconds": response.get("Retry-After", "60")}
    )
    answer = _failure(request, name, error)
    for header in (
        "Retry-After",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
    ):
        if header in response:
            answer[header] = response[header]
    return answer


@csrf_exempt
def action(request: HttpRequest, name: str) -> HttpResponseBase:
    if request.method == "OPTIONS":
        return _cors(HttpResponse(status=204))
    if request.method not in METHODS:
        response = _failure(request, name, MethodNotAllowed(_("Use GET or POST.")))
        response["Allow"] = ", ".join(METHODS)
        return response
    try:
        _sign_in(request)
    except CkanError as error:
        return _failure(request, name, error)
    response = limit_anonymous(_run)(request, name)
    if response.status_code == 429:
        response = _rate_limited(request, name, response)
    if request.method == "GET" and not access.viewer_of(request).authenticated:
        _cors(response)
    return response


def api_version(request: HttpRequest) -> JsonResponse:
    """`/api/3`: the API version CKAN clients look for."""
    response = JsonResponse({"version": 3})
    response["Access-Control-Allow-Origin"] = "*"
    return response
