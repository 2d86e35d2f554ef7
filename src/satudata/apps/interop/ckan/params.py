"""The parameters of one action call, from a query string, a form or a JSON body (CKAN accepts
all three), read with bounds: anything out of bounds is a CKAN "Validation Error" naming the
parameter."""

import json
import re
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from satudata.apps.interop.ckan.errors import BadRequest, Invalid

MAX_TEXT = 2000
MAX_ITEMS = 100
MAX_BODY = 1024 * 1024
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})
FALSE = frozenset({"false", "0", "no", "off", "f", "n", ""})


def _from_querydict(query: QueryDict) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key in query:
        values = query.getlist(key)
        found[key] = values[0] if len(values) == 1 else values
    return found


def request_params(request: HttpRequest) -> dict[str, Any]:
    """GET: the query string. POST: a JSON object body, else the form fields."""
    if request.method != "POST":
        return _from_querydict(request.GET)
    content_type = request.content_type or ""
    if content_type.startswith("multipart/") or content_type.endswith("x-www-form-urlencoded"):
        return _from_querydict(request.POST)
    raw = request.body
    if len(raw) > MAX_BODY:
        raise BadRequest(_("the request body is larger than 1 MB"))
    if not raw.strip():
        return _from_querydict(request.GET)
    try:
        found = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(_("JSON Error: the request body is not valid JSON")) from None
    if not isinstance(found, dict):
        raise BadRequest(_("JSON Error: the request body must be a JSON object"))
    return found


class Params:
    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = dict(values)

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def text(self, name: str, default: str = "", limit: int = MAX_TEXT) -> str:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, list | tuple):
            value = value[-1] if value else ""
        if isinstance(value, dict | bool) or not isinstance(value, str | int | float):
            raise Invalid(name, _("Must be a string"))
        text = str(value)
        if len(text) > limit:
            raise Invalid(name, _("Must be at most %(limit)s characters long") % {"limit": limit})
        if CONTROL.search(text):
            raise Invalid(name, _("Must not contain control characters"))
        return text

    def required(self, name: str, limit: int = MAX_TEXT) -> str:
        text = self.text(name, limit=limit).strip()
        if not text:
            raise Invalid(name, _("Missing value"))
        return text

    def integer(self, name: str, default: int, minimum: int = 0, maximum: int = 10**9) -> int:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise Invalid(name, _("Invalid integer"))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if not re.fullmatch(r"-?\d{1,12}", text):
            raise Invalid(name, _("Invalid integer"))
        number = int(text)
        if number < minimum:
            if minimum == 0:
                raise Invalid(name, _("Must be a natural number"))
            raise Invalid(name, _("Must be at least %(minimum)s") % {"minimum": minimum})
        if number > maximum:
            raise Invalid(name, _("Must be at most %(maximum)s") % {"maximum": maximum})
        return number

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return bool(value)
        text = str(value).strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise Invalid(name, _("Value must be one of: true, false"))

    def text_list(self, name: str, limit: int = MAX_ITEMS) -> list[str]:
        """A list given as a list, a JSON array or comma-separated text."""
        value = self.values.get(name)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith("["):
                try:
                    value = json.loads(stripped)
                except ValueError:
                    raise Invalid(name, _("Must be a JSON list of strings")) from None
            else:
                value = [part for part in stripped.split(",")]
        if not isinstance(value, list | tuple):
            raise Invalid(name, _("Must be a list of strings"))
        if len(value) > limit:
            raise Invalid(name, _("At most %(limit)s items") % {"limit": limit})
        items = []
        for item in value:
            if not isinstance(item, str | int | float) or isinstance(item, bool):
                raise Invalid(name, _("Must be a list of strings"))
            text = str(item).strip()
            if len(text) > 200 or CONTROL.search(text):
                raise Invalid(name, _("Must be a list of short strings"))
            if text:
                items.append(text)
        return items

    def mapping(self, name: str) -> dict[str, Any]:
        """An object given as an object or as JSON text."""
        value = self.values.get(name)
        if value is None or value == "":
            return {}
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise Invalid(name, _("Must be a JSON object")) from None
        if not isinstance(value, dict):
            raise Invalid(name, _("Must be a JSON object"))
        if len(value) > MAX_ITEMS:
            raise Invalid(name, _("At most %(limit)s items") % {"limit": MAX_ITEMS})
        return value
