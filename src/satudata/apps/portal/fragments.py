"""Parts of a page rendered once and kept in the cache, shared by every viewer they look the same
for.

A `Part` names its template and holds everything that template may read; the template is
rendered with that data alone (no request, no user, no context processors), so the part's key,
a digest of its data and the language, changes whenever what it shows may change. Two viewers get
the same rendering only when the data the page built for each of them is identical: whatever the
access gate showed one of them and not the other (a candidate version, an attachment, a related
dataset) is in the data, hence in the key."""

import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db.models import Field, Model
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

PLAIN = (str, int, float, bool, type(None), date, datetime, time, timedelta, Decimal, UUID)
PLAIN_TYPES = frozenset(PLAIN)
# Columns that change without any change of what the parts show (the usage counters, written
# every few seconds): left out of the keys, so no part may show them.
UNKEYED = {"catalog.dataset": frozenset({"use_count"})}


def content(value: Any) -> Any:
    """A plain picture of `value` for its digest: a model instance by its model, its columns and
    the related rows loaded with it; dataclasses, sequences and mappings item by item. Anything
    else is refused, so that nothing shown can be missing from a key."""
    if type(value) in PLAIN_TYPES:
        return value
    if isinstance(value, Model):
        return _model(value)
    if isinstance(value, list | tuple):
        return tuple(content(item) for item in value)
    if isinstance(value, Part):
        return value.key
    if isinstance(value, Enum):
        return content(value.value)
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, Promise):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, *(content(getattr(value, f.name)) for f in fields(value)))
    if isinstance(value, Mapping):
        return tuple((key, content(item)) for key, item in value.items())
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(content(item)) for item in value))
    raise TypeError(f"{type(value).__qualname__} has no picture for a cache key")


@functools.cache
def _columns(model: type[Model]) -> tuple[tuple[str, ...], tuple[Field, ...]]:
    """The columns of `model` that keys hold, and its forward relations."""
    meta = model._meta
    unkeyed = UNKEYED.get(meta.label_lower, frozenset())
    columns = tuple(f.attname for f in meta.concrete_fields if f.attname not in unkeyed)
    relations = tuple(f for f in meta.concrete_fields if f.is_relation)
    return columns, relations


def _model(instance: Model) -> tuple[Any, ...]:
    """Column values are what the database returned (text, numbers, dates, JSON): their repr
    is their picture."""
    columns, relations = _columns(type(instance))
    loaded = tuple(
        (f.name, content(getattr(instance, f.name))) for f in relations if f.is_cached(instance)
    )
    return (instance._meta.label, tuple(getattr(instance, name) for name in columns), loaded)


def digest(value: Any) -> str:
    return hashlib.blake2b(repr(content(value)).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Part:
    """`template` rendered with `data`. `lazy` values are computed only when the part is
    rendered and are left out of the key: each must follow from `data` alone (the preview and
    the chart of a version, read from its immutable file)."""

    template: str
    data: dict[str, Any]
    lazy: dict[str, Callable[[], Any]] = field(default_factory=dict)

    @cached_property
    def key(self) -> str:
        return digest((self.template, self.data))

    def render(self) -> SafeString:
        return mark_safe(render_to_string(self.template, {**self.data, **self.lazy}))  # noqa: S308


def rendered(part: Part) -> SafeString:
    """The part from the cache, rendered and stored first when it is not there yet."""
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds <= 0:
        return part.render()
    key = f"part:{part.key}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = part.render()
        cache.set(key, str(found), seconds)
    return mark_safe(found)  # noqa: S308
