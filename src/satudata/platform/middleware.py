"""No traceback reaches a page or an API client: unexpected errors become a friendly 500 page
(or a JSON error envelope under /api/), and the error is logged for the administrator."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger("satudata.errors")


class FriendlyErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG:
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if isinstance(exception, Http404 | PermissionDenied):
            return None
        log.exception("unhandled error on %s", request.path)
        message = _("Something went wrong on our side. The error was recorded; please try again.")
        if request.path.startswith("/api/"):
            return JsonResponse({"error": {"code": "server_error", "message": message}}, status=500)
        return render(request, "500.html", {"message": message}, status=500)
