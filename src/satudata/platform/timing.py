"""`Server-Timing: app;dur=<ms>` on every response: the time the application spent building it
(until the response object exists; a streamed body's transfer is not counted). Browsers show it in
their network panel; monitoring and the benchmarks read it to tell server time from queueing."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed:.1f}"
        return response
