"""Converting the engine's column descriptions to and from the JSON stored on versions."""

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from satudata.engines import tabular


def plain(value: Any) -> Any:
    """JSON-safe form of engine results (dataclasses, enums, dates, decimals)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value.value if hasattr(value, "value") else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def to_field(data: dict[str, Any]) -> tabular.Field:
    role = data.get("role")
    return tabular.Field(
        name=data["name"],
        title=data.get("title") or data["name"],
        type=tabular.FieldType(data.get("type", "string")),
        role=tabular.Role(role) if role else None,
    )


def to_spec(data: dict[str, Any]) -> tabular.FieldSpec:
    """A previous version's column as the target of the next upload (same name and type)."""
    return tabular.FieldSpec(
        name=data["name"],
        type=tabular.FieldType(data.get("type", "string")),
        title=data.get("title") or data["name"],
    )
