"""Who is asking: harvesters and data tools send a personal API token
(`Authorization: Bearer <token>`), browsers their session."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from satudata.platform import access
from satudata.platform.api import bearer_user


def viewer(request: HttpRequest) -> access.Viewer | None:
    """The viewer of the request; None when a token is sent but is not valid."""
    if "Authorization" in request.headers:
        user = bearer_user(request)
        if user is None:
            return None
        request.user = user
        request._satudata_viewer = access.viewer_for(user)
    return access.viewer_of(request)


def bad_token() -> HttpResponse:
    message = _("The API token is not valid (expired or revoked?): send a valid one or none.")
    response = HttpResponse(message, status=401, content_type="text/plain; charset=utf-8")
    response["WWW-Authenticate"] = "Bearer"
    return response
