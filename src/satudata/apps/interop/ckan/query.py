"""CKAN's Solr-style search syntax, read into the catalog search's parameters.

`q` is free text with optional `field:value` terms; `fq` holds `field:value` terms joined by
spaces, `AND` or `+`. A value is a word, a "quoted phrase", a group `(a OR b)` (any of them)
or, for `metadata_modified`, a range `[2024-01-01T00:00:00Z TO *]` (`{…}` excludes the ends;
`NOW`, `NOW-7DAYS` and `NOW/DAY` are understood). Negation, OR between different fields and a
field named twice cannot be answered by the catalog search and are refused with a
"Search Query Error" that says so."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext as _

from satudata.apps.interop.ckan.errors import SearchQueryError

FIELDS = {
    "organization": "organisation",
    "owner_org": "organisation",
    "groups": "topic",
    "tags": "tag",
    "res_format": "format",
    "prioritas_tahun": "prioritas",
    "level_penyajian": "level",
    "tahun": "year",
    "tingkat_akses": "access",
    "status_pemutakhiran": "status",
    "license_id": "licence",
}
NUMERIC = frozenset({"prioritas", "year"})
IDENTITY = frozenset({"name", "id"})
TEXT_FIELDS = frozenset({"text", "title", "notes"})
CONSTANT = {"dataset_type": "dataset", "type": "dataset", "state": "active"}
TERM = re.compile(
    r"""\s*(?P<sign>[+-]?)(?:(?P<field>[A-Za-z_][\w.]*):)?
        (?P<value>"(?:[^"\\]|\\.)*"|\((?:[^()"]|"[^"]*")*\)|[\[{][^\]}]*[\]}]|[^\s()"]+)""",
    re.VERBOSE,
)
RANGE = re.compile(r"(?P<open>[\[{])\s*(?P<low>\S+)\s+TO\s+(?P<high>\S+)\s*(?P<close>[\]}])")
NOW = re.compile(
    r"NOW(?:(?P<sign>[+-])(?P<amount>\d{1,6})(?P<unit>[A-Z]+?)S?)?(?:/(?P<round>[A-Z]+))?"
)
UNITS = {
    "MINUTE": 60,
    "HOUR": 3600,
    "DAY": 86400,
    "WEEK": 7 * 86400,
    "MONTH": 30 * 86400,
    "YEAR": 365 * 86400,
}
CONNECTORS = frozenset({"AND", "&&"})


@dataclass
class Parsed:
    """What `q` and `fq` ask for: free text, facet values, a modified range, dataset names or
    ids, and whether nothing can match (e.g. another dataset type)."""

    words: list[str] = field(default_factory=list)
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    modified_from: datetime | None = None
    modified_to: datetime | None = None
    identity: dict[str, str] = field(default_factory=dict)
    capacity: str = ""
    nothing: bool = False
    seen: set[str] = field(default_factory=set)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def _alternatives(value: str) -> tuple[str, ...]:
    if not value.startswith("("):
        return (_unquote(value),)
    inner = value[1:-1].strip()
    parts = [p.strip() for p in re.split(r"\s+OR\s+|\s*\|\|\s*", inner) if p.strip()]
    if not parts or any(" AND " in f" {p} " or p.startswith(("-", "+")) for p in parts):
        raise SearchQueryError(
            _("only (a OR b) groups are supported: %(value)s") % {"value": value}
        )
    return tuple(_unquote(p) for p in parts)


def moment(text: str, now: datetime | None = None) -> datetime | None:
    """A range end as a time in UTC; `*` is open (None)."""
    if text == "*":
        return None
    now = now or datetime.now(UTC)
    found = NOW.fullmatch(text)
    if found:
        value = now
        if found["amount"]:
            unit = UNITS.get(found["unit"])
            if unit is None:
                raise SearchQueryError(_("unknown time unit in %(value)s") % {"value": text})
            delta = timedelta(seconds=int(found["amount"]) * unit)
            value = value + delta if found["sign"] == "+" else value - delta
        if found["round"] == "DAY":
            value = value.replace(hour=0, minute=0, second=0, microsecond=0)
        elif found["round"]:
            raise SearchQueryError(
                _("only /DAY rounding is supported: %(value)s") % {"value": text}
            )
        return value
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SearchQueryError(
            _("not a date and time (write 2024-01-31T00:00:00Z): %(value)s") % {"value": text}
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _modified(parsed: Parsed, value: str) -> None:
    found = RANGE.fullmatch(value)
    if found is None:
        raise SearchQueryError(
            _("metadata_modified takes a range such as [2024-01-01T00:00:00Z TO *]")
        )
    low, high = moment(found["low"]), moment(found["high"])
    if low is not None and found["open"] == "{":
        low += timedelta(seconds=1)
    if high is not None and found["close"] == "}":
        high -= timedelta(seconds=1)
    parsed.modified_from, parsed.modified_to = low, high


def _field(parsed: Parsed, name: str, value: str) -> None:
    if name in parsed.seen:
        raise SearchQueryError(_("the field %(field)s is named twice") % {"field": name})
    parsed.seen.add(name)
    if name == "metadata_modified":
        _modified(parsed, value)
    elif name in FIELDS:
        parsed.values[FIELDS[name]] = _alternatives(value)
    elif name in IDENTITY:
        parsed.identity[name] = _unquote(value)
    elif name in TEXT_FIELDS:
        parsed.words.extend(_unquote(value).split())
    elif name in CONSTANT:
        if _unquote(value) != CONSTANT[name]:
            parsed.nothing = True
    elif name == "capacity":
        capacity = _unquote(value)
        if capacity not in ("public", "private"):
            raise SearchQueryError(_("capacity is public or private"))
        parsed.capacity = capacity
    else:
        raise SearchQueryError(_("the field %(field)s cannot be searched") % {"field": name})


def read(parsed: Parsed, text: str, free_text: bool) -> None:
    """Add the terms of `text` (a `q` when `free_text`, else an `fq`) to `parsed`."""
    rest = text.strip()
    if rest in ("*:*", "*"):
        return
    position = 0
    while position < len(rest):
        if not rest[position:].strip():
            break
        found = TERM.match(rest, position)
        if found is None or found.end() == position:
            raise SearchQueryError(_("cannot read %(value)s") % {"value": rest[position:][:80]})
        position = found.end()
        name, value, sign = found["field"], found["value"], found["sign"]
        if sign == "-" or value == "NOT":
            raise SearchQueryError(_("negation is not supported"))
        if value in CONNECTORS and name is None:
            continue
        if value in ("OR", "||") and name is None:
            raise SearchQueryError(_("OR is supported only inside a field's group: tags:(a OR b)"))
        if name is None:
            if not free_text:
                raise SearchQueryError(
                    _("write fq terms as field:value, not %(value)s") % {"value": value}
                )
            if value != "*:*":
                parsed.words.extend(_unquote(value).split())
            continue
        _field(parsed, name, value)
