"""Template helpers of the pages: sanitised Markdown, translated engine messages, badges,
query strings that keep the current filters, cached parts of a page."""

import html
import threading
from datetime import timedelta
from typing import Any

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts import notify
from satudata.apps.accounts.models import Notification
from satudata.apps.catalog.models import Dataset
from satudata.apps.portal import fragments
from satudata.apps.search.queries import card_key as cards_digest
from satudata.platform import problems

register = template.Library()
register.simple_tag(fragments.rendered, name="part")

MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
_local = threading.local()
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
STATE_CLASSES = {
    "draft": "badge-neutral",
    "diajukan": "badge-info",
    "dikembalikan": "badge-danger",
    "menunggu_pembina": "badge-warn",
    "diterbitkan": "badge-ok",
}
ACCESS_CLASSES = {"terbuka": "badge-ok", "terbatas": "badge-warn", "tertutup": "badge-danger"}
FIELD_TYPES = {
    "integer": _("whole number"),
    "number": _("number"),
    "date": _("date"),
    "datetime": _("date and time"),
    "boolean": _("yes / no"),
    "string": _("text"),
}
FIELD_ROLES = {
    "kode_wilayah": _("kode wilayah"),
    "nik": _("NIK (personal data)"),
    "kk": _("No. KK (personal data)"),
}
UPLOAD_CLASSES = {
    "processing": "badge-info",
    "ready": "badge-ok",
    "invalid": "badge-danger",
    "failed": "badge-danger",
    "accepted": "badge-ok",
    "discarded": "badge-neutral",
}


def _converter() -> markdown_lib.Markdown:
    """This thread's Markdown converter (building one costs more than converting a paragraph)."""
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS)
    return converter.reset()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown to HTML, then cleaned of anything but plain formatting (no scripts, no styles)."""
    rendered = _converter().convert(text or "")
    cleaned = nh3.clean(rendered, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow")
    return mark_safe(cleaned)  # noqa: S308


@register.filter
def card_key(dataset: Dataset) -> str:
    """The cache key of a dataset's card: a digest of what it shows."""
    return cards_digest([dataset])


@register.filter
def excerpt(text: str, words: int = 30) -> str:
    """The first `words` words of a Markdown text, as plain text (for lists of cards)."""
    head = " ".join((text or "").split()[: words + 1])
    plain = nh3.clean(_converter().convert(head), tags=set())
    return Truncator(html.unescape(plain)).words(words)


@register.filter
def msgid(text: str) -> str:
    """A message the engine wrote as an English msgid, in the page's language."""
    return problems.translate_message(text, None)


register.filter("problem_message", problems.problem_message)
register.filter("problem_hint", problems.problem_hint)


@register.filter
def notification_text(notification: Notification) -> str:
    return notify.render(notification)


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "badge-neutral")


@register.filter
def access_class(level: str) -> str:
    return ACCESS_CLASSES.get(level, "badge-neutral")


@register.filter
def upload_class(status: str) -> str:
    return UPLOAD_CLASSES.get(status, "badge-neutral")


@register.filter
def field_type_label(value: str) -> str:
    return str(FIELD_TYPES.get(value, value))


@register.filter
def field_role_label(value: str) -> str:
    return str(FIELD_ROLES.get(value, value))


@register.filter
def minutes(value: timedelta | None) -> int:
    return round(value.total_seconds() / 60) if value else 0


@register.filter
def percent_of(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some keys replaced (None or "" removes a key)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()
