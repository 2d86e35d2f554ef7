"""Reads of the catalog, always through the access gate."""

from django.db.models import QuerySet

from satudata.platform import access


def visible_datasets(viewer: access.Viewer) -> QuerySet:
    return (
        access.public_datasets(viewer)
        .select_related("organisation", "topic", "published_version", "cakupan_wilayah")
        .prefetch_related("tags")
        .order_by("-data_updated_at", "pk")
    )
