"""The JSON and CSV forms of catalogue pages (one data function for the page and both files)."""

from typing import Any

from django.urls import reverse

from satudata.apps.standards.models import Standard, StandardField, StandardVersion
from satudata.engines import standards

LIST_COLUMNS = (
    "slug",
    "title",
    "organisation",
    "topic",
    "version",
    "state",
    "published_at",
    "url",
    "table_schema",
)


def _schema_url(standard: Standard, version: StandardVersion | None) -> str | None:
    if version is None:
        return None
    return reverse("standards:tableschema", args=[standard.slug, version.number])


def standard_row(standard: Standard, version: StandardVersion | None) -> dict[str, Any]:
    return {
        "slug": standard.slug,
        "title": standard.title,
        "organisation": standard.organisation.name,
        "topic": standard.topic.name if standard.topic_id else None,
        "version": version.number if version else None,
        "state": version.state if version else None,
        "published_at": version.published_at if version else None,
        "url": standard.get_absolute_url(),
        "table_schema": _schema_url(standard, version),
    }


def field_row(row: StandardField) -> dict[str, Any]:
    return {
        "name": row.name,
        "title": row.title,
        "type": row.type,
        "description": row.description,
        **{key: getattr(row, key) for key in standards.SDI_TEXTS},
        "required": row.required,
        "unique": row.unique,
        "minimum": row.minimum or None,
        "maximum": row.maximum or None,
        "pattern": row.pattern or None,
        "enum": list(row.enum) or None,
        "code_list": row.code_list.slug if row.code_list_id else None,
        "wilayah_level": row.wilayah_level or None,
    }


def version_row(version: StandardVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "state": version.state,
        "published_at": version.published_at,
        "note": version.note,
        **{key: getattr(version, key) for key in standards.SDI_TEXTS},
    }


def standard_document(
    standard: Standard, version: StandardVersion | None, fields: list[StandardField], adopters: Any
) -> dict[str, Any]:
    return {
        **standard_row(standard, version),
        "description": standard.description,
        "current": version_row(version) if version else None,
        "fields": [field_row(f) for f in fields],
        "datasets": [
            {"slug": d.slug, "title": d.title, "url": d.get_absolute_url()} for d in adopters
        ],
    }
