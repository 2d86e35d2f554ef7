"""Error pages: the same plain 404 for missing and hidden objects, and a friendly 500."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without context processors: the database may be the thing that failed."""
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "DEMO": settings.DEMO,
        "message": _("Something went wrong on our side. The error was recorded; please try again."),
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))
