"""Stored standard versions as the engine's `Standard`, with their code lists resolved: a code
list of the codelists app, or every kode wilayah of a level from the registry."""

from collections.abc import Collection
from typing import Any

from satudata.apps.standards.models import StandardField, StandardVersion
from satudata.engines import standards, tabular
from satudata.engines.tabular import FieldType


def engine_field(row: StandardField) -> standards.StandardField:
    kind = FieldType(row.type)
    return standards.StandardField(
        name=row.name,
        type=kind,
        title=row.title,
        description=row.description,
        konsep=row.konsep,
        definisi=row.definisi,
        klasifikasi=row.klasifikasi,
        ukuran=row.ukuran,
        satuan=row.satuan,
        required=row.required,
        unique=row.unique,
        minimum=standards.parse_bound(kind, row.minimum),
        maximum=standards.parse_bound(kind, row.maximum),
        pattern=row.pattern or None,
        enum=tuple(str(v) for v in row.enum) if row.enum else None,
        code_list=row.code_list.slug if row.code_list_id else None,
        wilayah_level=row.wilayah_level or None,
    )


def fields_of(version: StandardVersion) -> list[StandardField]:
    return list(version.fields.select_related("code_list").order_by("order", "pk"))


def engine_standard(version: StandardVersion) -> standards.Standard:
    return standards.Standard(
        name=version.standard.slug,
        title=version.standard.title,
        description=version.standard.description,
        version=version.number,
        **{key: getattr(version, key) for key in standards.SDI_TEXTS},
        fields=tuple(engine_field(row) for row in fields_of(version)),
    )


def codes_for(item: standards.StandardField) -> Collection[str] | dict[str, str] | None:
    """The allowed codes of a field: its code list's published codes, or a wilayah level's."""
    if item.code_list:
        from satudata.apps.codelists.queries import codes_of

        try:
            return codes_of(item.code_list) or None
        except LookupError:
            return None
    if item.wilayah_level:
        from satudata.apps.registry.queries import codes_at_level

        return codes_at_level(item.wilayah_level)
    return None


def resolved(version: StandardVersion) -> tuple[standards.Standard, dict[str, Any]]:
    standard = engine_standard(version)
    codes = {item.name: codes_for(item) for item in standard.fields}
    return standard, {name: found for name, found in codes.items() if found is not None}


def field_specs(version: StandardVersion) -> list[tabular.FieldSpec]:
    """The targets every upload of a dataset that adopted `version` is read into."""
    standard, codes = resolved(version)
    return [standards.to_field_spec(item, codes.get(item.name)) for item in standard.fields]


def table_schema(version: StandardVersion) -> dict[str, Any]:
    standard, codes = resolved(version)
    return standards.to_table_schema(standard, codes)
