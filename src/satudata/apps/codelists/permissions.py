"""Who may see registers and who may change code lists and registers: the rules of
`satudata.platform.access`, applied to data induk. A register follows the dataset rules:
terbuka to all, terbatas to signed-in government users and named partners, tertutup to its
owner organisation and the walidata. Hidden registers are answered with 404."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from satudata.apps.codelists.models import Register
from satudata.platform.access import Viewer


def register_q(viewer: Viewer, prefix: str = "") -> Q:
    """The condition a register row must meet to be visible to `viewer`."""
    if viewer.is_walidata:
        return Q()
    levels = ["terbuka", "terbatas"] if viewer.sees_terbatas else ["terbuka"]
    visible = Q(**{f"{prefix}access_level__in": levels})
    if viewer.organisation_id is not None:
        visible |= Q(**{f"{prefix}owner_id": viewer.organisation_id})
    return visible


def visible_registers(viewer: Viewer) -> QuerySet[Register]:
    return Register.objects.filter(register_q(viewer))


def get_register_or_404(viewer: Viewer, slug: str) -> Register:
    register = visible_registers(viewer).filter(slug=slug).select_related("owner").first()
    if register is None:
        raise Http404
    return register


def can_manage_code_lists(viewer: Viewer) -> bool:
    """Walidata and pembina data create, import and publish code lists."""
    return viewer.is_walidata or viewer.is_pembina


def can_create_register(viewer: Viewer) -> bool:
    """The walidata (for any organisation) and a produsen data (for its own)."""
    return viewer.is_walidata or viewer.is_producer


def can_manage_register(viewer: Viewer, register: Any) -> bool:
    """The register's owner organisation (its produsen data) and the walidata."""
    if viewer.is_walidata:
        return True
    return viewer.is_producer and viewer.organisation_id == register.owner_id


def is_tertutup(register: Any) -> bool:
    return register.access_level == "tertutup"
