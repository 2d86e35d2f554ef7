"""The one place that counts use: it maps the resolved route of a successful GET to a dataset
and a kind of use. Views and endpoints answer 404 for datasets the viewer may not see, so a 2xx
answer is always about a visible dataset. Robots that name themselves are not counted."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch

from satudata.apps.usage import actions
from satudata.apps.usage.models import Kind

PORTAL_KINDS = {
    "portal:dataset": Kind.VIEW,
    "portal:version": Kind.VIEW,
    "portal:dataset_data": Kind.API,
    "portal:version_data": Kind.API,
    "portal:download": Kind.DOWNLOAD,
    "portal:source": Kind.DOWNLOAD,
    "portal:attachment": Kind.DOWNLOAD,
}
API_DATASET_ROUTE = "api/v1/datasets/<slug>"
ROBOTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|mediapartners|"
    r"lighthouse|pingdom|uptime|monitor",
    re.IGNORECASE,
)


def kind_of(match: ResolverMatch | None) -> Kind | None:
    if match is None or "slug" not in match.kwargs:
        return None
    if match.view_name in PORTAL_KINDS:
        return PORTAL_KINDS[match.view_name]
    if match.namespace == "api" and match.route.startswith(API_DATASET_ROUTE):
        return Kind.API
    return None


def is_robot(request: HttpRequest) -> bool:
    return bool(ROBOTS.search(request.headers.get("User-Agent", "")))


class UsageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.USAGE_COUNTING
            and request.method == "GET"
            and 200 <= response.status_code < 300
        ):
            match = getattr(request, "resolver_match", None)
            kind = kind_of(match)
            if kind is not None and not is_robot(request):
                actions.record(match.kwargs["slug"], kind)
        return response
