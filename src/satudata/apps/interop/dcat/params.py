"""The query parameters of the catalogue: `page`, `per_page` and `modified_since`."""

from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from satudata.apps.interop.dcat.queries import DEFAULT_PER_PAGE, MAX_PER_PAGE


class ParamError(ValueError):
    """A parameter the catalogue cannot use; the message says which and what to write."""


@dataclass(frozen=True)
class CatalogParams:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    since: datetime | None = None

    def query(self, page: int) -> str:
        pairs: list[tuple[str, str]] = [("page", str(page)), ("per_page", str(self.per_page))]
        if self.since is not None:
            pairs.append(("modified_since", self.since.isoformat()))
        return urlencode(pairs)


def _whole(query: QueryDict, name: str, default: int, highest: int | None = None) -> int:
    text = query.get(name, "").strip()
    if not text:
        return default
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else 0
    if number < 1 or (highest is not None and number > highest):
        if highest is None:
            message = _("“%(name)s” must be a whole number from 1 up, not “%(value)s”.")
        else:
            message = _("“%(name)s” must be a whole number from 1 to %(highest)s, not “%(value)s”.")
        raise ParamError(message % {"name": name, "value": text[:40], "highest": highest})
    return number


def _since(query: QueryDict) -> datetime | None:
    text = query.get("modified_since", "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = datetime.combine(day, time.min) if day is not None else None
    except ValueError:
        moment = None
    if moment is None:
        message = _(
            "“modified_since” must be an ISO 8601 date or date and time, such as "
            "2025-01-31 or 2025-01-31T08:00:00+07:00, not “%(value)s”."
        )
        raise ParamError(message % {"value": text[:40]})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse(query: QueryDict) -> CatalogParams:
    return CatalogParams(
        page=_whole(query, "page", 1),
        per_page=_whole(query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
        since=_since(query),
    )
