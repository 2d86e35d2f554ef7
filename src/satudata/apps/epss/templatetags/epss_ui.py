"""Small filters of the EPSS pages: values with two decimals, signed deltas, level names."""

from django import template

from satudata.apps.epss import reference

register = template.Library()


@register.filter
def score2(value: float | None) -> str:
    """3.0641 → '3.06'; no value → '—'."""
    return "—" if value is None else f"{value:.2f}"


@register.filter
def signed(value: float | None) -> str:
    """+0.26, −0.10, 0.00; no value → '—'."""
    if value is None:
        return "—"
    if abs(value) < 0.005:
        return "0.00"
    return f"+{value:.2f}" if value > 0 else f"−{abs(value):.2f}"


@register.filter
def level_label(level: int | None) -> str:
    return str(reference.LEVEL_LABELS.get(level, "—")) if level else "—"


@register.filter
def get_level(mapping: dict[str, int | None], code: str) -> int | None:
    return mapping.get(code)
