"""HTTP helpers shared by the API and the pages: conditional requests (ETag / Last-Modified,
answered with 304) and a fixed-window request counter kept in the Django cache."""

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

VARY = ("Authorization", "Cookie", "Accept-Language")


@dataclass(frozen=True)
class Validators:
    """What identifies one representation: its entity tag and when it last changed."""

    etag: str
    last_modified: datetime | None = None


def validators(*parts: object, last_modified: datetime | None = None) -> Validators:
    """A weak ETag made from `parts` (checksums, update times, the viewer's scope): the same
    parts give the same tag, any change gives another."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return Validators(etag=f'W/"{digest}"', last_modified=last_modified)


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")


def is_fresh(request: HttpRequest, tags: Validators) -> bool:
    """Whether the client's copy (If-None-Match, else If-Modified-Since) is still current."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        sent = parse_etags(if_none_match)
        return sent == ["*"] or _opaque(tags.etag) in {_opaque(t) for t in sent}
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is None or tags.last_modified is None:
        return False
    return int(tags.last_modified.timestamp()) <= since


def stamp(response: HttpResponseBase, tags: Validators) -> HttpResponseBase:
    """Put the validators on `response`; caches must revalidate (content may be restricted)."""
    response["ETag"] = tags.etag
    if tags.last_modified is not None:
        response["Last-Modified"] = http_date(tags.last_modified.timestamp())
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, VARY)
    return response


def not_modified(request: HttpRequest, tags: Validators) -> HttpResponseNotModified | None:
    """A 304 carrying the validators when the client's copy is current, else None."""
    if request.method not in ("GET", "HEAD") or not is_fresh(request, tags):
        return None
    response = HttpResponseNotModified()
    stamp(response, tags)
    return response


RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$")
PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60}
PERIODS |= {"h": 3600, "hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(text: str | None) -> Rate | None:
    """'120/minute', '10/s', '1000/hour', '50/5m' → a Rate; '', '0' or None → no limit."""
    if not text or not text.strip() or text.strip() == "0":
        return None
    match = RATE.match(text.lower())
    if match is None:
        raise ValueError(f"not a rate: {text!r} (write it like 120/minute)")
    requests, multiple, unit = int(match[1]), int(match[2] or 1), match[3]
    if requests == 0:
        return None
    return Rate(requests=requests, seconds=max(multiple, 1) * PERIODS[unit])


@dataclass(frozen=True)
class Window:
    limit: int
    used: int
    reset_in: int

    @property
    def allowed(self) -> bool:
        return self.used <= self.limit

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_in),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.reset_in)
        return headers


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry of X-Forwarded-For written by the
    outermost of `API_TRUSTED_PROXIES` trusted proxies."""
    proxies = getattr(settings, "API_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


def count_hit(scope: str, client: str, rate: Rate, now: float | None = None) -> Window:
    """Count one request of `client` in the current fixed window of `rate`. The address is
    hashed with the secret key, so the cache never holds it."""
    now = time.time() if now is None else now
    start = int(now // rate.seconds) * rate.seconds
    secret = settings.SECRET_KEY.encode()
    ident = hashlib.sha256(secret + b"\x1f" + client.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{rate.seconds}:{start}:{ident}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=rate.seconds + 1)
        used = 1
    return Window(limit=rate.requests, used=used, reset_in=max(start + rate.seconds - int(now), 1))
