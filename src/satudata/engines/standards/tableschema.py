"""A standard as a Frictionless Table Schema document, and a Table Schema as a standard.

SDI texts travel as custom properties (`"sdi:konsep"` …) on the schema and on each field; a code
list as `"sdi:codeList"` (its slug) and a kode wilayah level as `"sdi:wilayahLevel"`. The codes
themselves are also written as the `enum` constraint when the list is short enough
(`ENUM_LIMIT`), so that any Table Schema validator checks them."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from satudata.engines.standards.model import (
    SDI_TEXTS,
    WILAYAH_LEVELS,
    Issue,
    Standard,
    StandardField,
    TableSchemaError,
    bound_text,
    parse_bound,
)
from satudata.engines.tabular import N_, FieldType

ENUM_LIMIT = 1000
MAX_FIELDS = 500
MAX_ENUM = 100_000
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
PROFILE = "tableschema"


def _bound_json(kind: FieldType, value: Any) -> Any:
    return value if kind in (FieldType.INTEGER, FieldType.NUMBER) else bound_text(value)


def _constraints(item: StandardField, codes: Collection[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if item.required:
        out["required"] = True
    if item.unique:
        out["unique"] = True
    if item.minimum is not None:
        out["minimum"] = _bound_json(item.type, item.minimum)
    if item.maximum is not None:
        out["maximum"] = _bound_json(item.type, item.maximum)
    if item.pattern:
        out["pattern"] = item.pattern
    if item.enum:
        out["enum"] = list(item.enum)
    elif codes is not None and len(codes) <= ENUM_LIMIT:
        out["enum"] = sorted(str(code) for code in codes)
    return out


def _field(item: StandardField, codes: Collection[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": item.name, "type": str(item.type), "format": "default"}
    if item.title:
        out["title"] = item.title
    if item.description:
        out["description"] = item.description
    constraints = _constraints(item, codes)
    if constraints:
        out["constraints"] = constraints
    for key in SDI_TEXTS:
        if getattr(item, key):
            out[f"sdi:{key}"] = getattr(item, key)
    if item.code_list:
        out["sdi:codeList"] = item.code_list
    if item.wilayah_level:
        out["sdi:wilayahLevel"] = item.wilayah_level
    return out


def to_table_schema(
    standard: Standard, codes: Mapping[str, Collection[str]] | None = None
) -> dict[str, Any]:
    """The standard as a Table Schema descriptor; `codes` maps a field name to its resolved
    code list (short ones become `enum`)."""
    codes = codes or {}
    out: dict[str, Any] = {
        "fields": [_field(item, codes.get(item.name)) for item in standard.fields],
        "missingValues": [""],
        "sdi:name": standard.name,
    }
    if standard.title:
        out["title"] = standard.title
    if standard.description:
        out["description"] = standard.description
    if standard.version is not None:
        out["sdi:version"] = standard.version
    for key in SDI_TEXTS:
        if getattr(standard, key):
            out[f"sdi:{key}"] = getattr(standard, key)
    return out


def _text(data: Mapping[str, Any], key: str, issues: list[Issue], where: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        issues.append(Issue(N_('%(where)s: "%(key)s" must be text.'), {"where": where, "key": key}))
        return ""
    return value


def _type(data: Mapping[str, Any], issues: list[Issue], where: str) -> FieldType:
    kind = data.get("type", "string")
    try:
        return FieldType(kind)
    except ValueError:
        allowed = ", ".join(t.value for t in FieldType)
        issues.append(
            Issue(
                N_('%(where)s: the type "%(type)s" is not supported; use one of %(allowed)s.'),
                {"where": where, "type": str(kind)[:40], "allowed": allowed},
            )
        )
        return FieldType.STRING


def _bound(kind: FieldType, value: Any, issues: list[Issue], where: str) -> Any:
    try:
        return parse_bound(kind, value)
    except (TypeError, ValueError):
        issues.append(
            Issue(
                N_('%(where)s: the bound "%(value)s" does not fit the type %(type)s.'),
                {"where": where, "value": str(value)[:40], "type": str(kind)},
            )
        )
        return None


def _pattern(value: Any, issues: list[Issue], where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        issues.append(Issue(N_("%(where)s: the pattern must be text."), {"where": where}))
        return None
    try:
        re.compile(value)
    except re.error:
        issues.append(
            Issue(N_("%(where)s: the pattern is not a valid regular expression."), {"where": where})
        )
        return None
    return value


def _enum(value: Any, issues: list[Issue], where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    scalar = (str, int, float, bool)
    if not isinstance(value, list) or not value or len(value) > MAX_ENUM:
        issues.append(
            Issue(
                N_("%(where)s: enum must be a list of 1 to %(limit)s values."),
                {"where": where, "limit": MAX_ENUM},
            )
        )
        return None
    if not all(isinstance(v, scalar) for v in value):
        issues.append(
            Issue(N_("%(where)s: enum values must be text or numbers."), {"where": where})
        )
        return None
    return tuple(str(v).lower() if isinstance(v, bool) else str(v) for v in value)


def _flag(constraints: Mapping[str, Any], key: str, issues: list[Issue], where: str) -> bool:
    value = constraints.get(key, False)
    if not isinstance(value, bool):
        issues.append(
            Issue(N_('%(where)s: "%(key)s" must be true or false.'), {"where": where, "key": key})
        )
        return False
    return value


def _read_field(data: Any, position: int, issues: list[Issue]) -> StandardField | None:
    where = f"field {position}"
    if not isinstance(data, Mapping):
        issues.append(Issue(N_("%(where)s is not an object."), {"where": where}))
        return None
    name = data.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        issues.append(
            Issue(
                N_(
                    "%(where)s: the name must start with a letter and hold only letters, "
                    "digits and _ (at most 63)."
                ),
                {"where": where},
            )
        )
        return None
    where = f'field "{name}"'
    kind = _type(data, issues, where)
    constraints = data.get("constraints") or {}
    if not isinstance(constraints, Mapping):
        issues.append(Issue(N_("%(where)s: constraints must be an object."), {"where": where}))
        constraints = {}
    level = data.get("sdi:wilayahLevel") or None
    if level is not None and level not in WILAYAH_LEVELS:
        issues.append(
            Issue(
                N_("%(where)s: the wilayah level must be one of %(allowed)s."),
                {"where": where, "allowed": ", ".join(WILAYAH_LEVELS)},
            )
        )
        level = None
    code_list = data.get("sdi:codeList") or None
    if code_list is not None and not isinstance(code_list, str):
        code_list = None
    enum = _enum(constraints.get("enum"), issues, where)
    minimum = _bound(kind, constraints.get("minimum"), issues, where)
    maximum = _bound(kind, constraints.get("maximum"), issues, where)
    if minimum is not None and maximum is not None and minimum > maximum:
        issues.append(Issue(N_("%(where)s: the minimum is above the maximum."), {"where": where}))
    pattern = _pattern(constraints.get("pattern"), issues, where)
    if pattern and kind is not FieldType.STRING:
        issues.append(
            Issue(N_("%(where)s: only text fields can have a pattern."), {"where": where})
        )
    return StandardField(
        name=name,
        type=kind,
        title=_text(data, "title", issues, where),
        description=_text(data, "description", issues, where),
        **{key: _text(data, f"sdi:{key}", issues, where) for key in SDI_TEXTS},
        required=_flag(constraints, "required", issues, where),
        unique=_flag(constraints, "unique", issues, where),
        minimum=minimum,
        maximum=maximum,
        pattern=pattern,
        enum=None if (code_list or level) else enum,
        code_list=code_list,
        wilayah_level=level,
    )


def from_table_schema(descriptor: Any) -> Standard:
    """A standard from a Table Schema document; raises `TableSchemaError` with every problem.
    An `enum` beside `sdi:codeList` or `sdi:wilayahLevel` is the list's copy and is not kept."""
    issues: list[Issue] = []
    if not isinstance(descriptor, Mapping):
        raise TableSchemaError([Issue(N_("A Table Schema is a JSON object."))])
    fields = descriptor.get("fields")
    if not isinstance(fields, list) or not fields or len(fields) > MAX_FIELDS:
        raise TableSchemaError(
            [Issue(N_('"fields" must list 1 to %(limit)s fields.'), {"limit": MAX_FIELDS})]
        )
    read = [_read_field(item, k, issues) for k, item in enumerate(fields, start=1)]
    seen: set[str] = set()
    for item in read:
        if item is not None and item.name in seen:
            issues.append(
                Issue(N_('The field name "%(name)s" appears twice.'), {"name": item.name})
            )
        if item is not None:
            seen.add(item.name)
    where = "schema"
    standard = Standard(
        name=_text(descriptor, "sdi:name", issues, where),
        title=_text(descriptor, "title", issues, where),
        description=_text(descriptor, "description", issues, where),
        **{key: _text(descriptor, f"sdi:{key}", issues, where) for key in SDI_TEXTS},
        fields=tuple(item for item in read if item is not None),
    )
    if issues:
        raise TableSchemaError(issues)
    return standard
