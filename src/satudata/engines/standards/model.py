"""A data standard as plain dataclasses, and its fields as the tabular engine's `FieldSpec`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from satudata.engines.tabular import N_, FieldSpec, FieldType

SDI_TEXTS = ("konsep", "definisi", "klasifikasi", "ukuran", "satuan")
WILAYAH_LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")


@dataclass(frozen=True, slots=True)
class StandardField:
    """One field of a standard: Table Schema's field plus the SDI texts of the pembina."""

    name: str
    type: FieldType = FieldType.STRING
    title: str = ""
    description: str = ""
    konsep: str = ""
    definisi: str = ""
    klasifikasi: str = ""
    ukuran: str = ""
    satuan: str = ""
    required: bool = False
    unique: bool = False
    minimum: Any = None
    maximum: Any = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    code_list: str | None = None
    wilayah_level: str | None = None


@dataclass(frozen=True, slots=True)
class Standard:
    """A standard version: identity, the SDI texts at standard level, and its fields."""

    name: str
    title: str = ""
    description: str = ""
    version: int | None = None
    konsep: str = ""
    definisi: str = ""
    klasifikasi: str = ""
    ukuran: str = ""
    satuan: str = ""
    fields: tuple[StandardField, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem of a Table Schema document: a gettext msgid and its parameters."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, tr: Any = None) -> str:
        template = tr(self.message) if tr is not None else self.message
        return template % self.params if self.params else template


class TableSchemaError(ValueError):
    """A Table Schema document that cannot become a standard; `issues` says every reason."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(issue.text() for issue in issues))
        self.issues = issues


BOUND_TYPES = frozenset({FieldType.INTEGER, FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME})


def parse_bound(kind: FieldType, value: Any) -> Any:
    """A minimum or maximum as the typed value of a field of type `kind`; ValueError if not."""
    if value is None or value == "":
        return None
    if kind not in BOUND_TYPES:
        raise ValueError(N_("Only number and date fields can have a minimum or maximum."))
    if isinstance(value, bool):
        raise ValueError(N_("A minimum or maximum must be a number or a date."))
    if kind is FieldType.INTEGER:
        number = float(value) if isinstance(value, int | float) else float(str(value).strip())
        if not number.is_integer():
            raise ValueError(N_("The minimum or maximum of a whole-number field must be whole."))
        return int(number)
    if kind is FieldType.NUMBER:
        return float(value) if isinstance(value, int | float) else float(str(value).strip())
    if kind is FieldType.DATE:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value).strip())


def bound_text(value: Any) -> str:
    """The JSON-friendly form of a bound (numbers stay numbers in Table Schema)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return "" if value is None else str(value)


def to_field_spec(
    item: StandardField, codes: Collection[str] | Mapping[str, str] | None = None
) -> FieldSpec:
    """The tabular engine's target field; `codes` is the resolved code list or wilayah level."""
    return FieldSpec(
        name=item.name,
        type=item.type,
        title=item.title or item.name,
        description=item.description or item.definisi,
        unit=item.satuan,
        required=item.required,
        unique=item.unique,
        codes=codes,
        minimum=item.minimum,
        maximum=item.maximum,
        pattern=item.pattern or None,
        enum=item.enum or None,
    )
