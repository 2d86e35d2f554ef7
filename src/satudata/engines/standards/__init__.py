"""Data standards engine: a standard's fields as a Frictionless Table Schema and back, the
tabular engine's `FieldSpec`s they compile to, a proposed standard inferred from a version's
fields and values, and the conformance of a stored Parquet version, counted in one DuckDB pass.

- `to_table_schema(standard, codes=...)` -> dict; `from_table_schema(descriptor)` -> `Standard`
  (raises `TableSchemaError` listing every problem of the descriptor).
- `to_field_spec(field, codes)` -> `tabular.FieldSpec`.
- `propose(parquet, fields, rows, wilayah_level=...)` -> list of `StandardField`;
  `withhold(fields)` -> (fields without values read from the data, those values by name);
  `restore(fields, values)` -> (fields with them put back, names restored).
- `check_parquet(parquet, specs)` -> `Conformance`.
"""

from satudata.engines.standards.conformance import Conformance, FieldResult, check_parquet
from satudata.engines.standards.model import (
    SDI_TEXTS,
    WILAYAH_LEVELS,
    Issue,
    Standard,
    StandardField,
    TableSchemaError,
    parse_bound,
    to_field_spec,
)
from satudata.engines.standards.propose import propose, restore, withhold
from satudata.engines.standards.tableschema import (
    ENUM_LIMIT,
    from_table_schema,
    to_table_schema,
)

__all__ = [
    "ENUM_LIMIT",
    "SDI_TEXTS",
    "WILAYAH_LEVELS",
    "Conformance",
    "FieldResult",
    "Issue",
    "Standard",
    "StandardField",
    "TableSchemaError",
    "check_parquet",
    "from_table_schema",
    "parse_bound",
    "propose",
    "restore",
    "to_field_spec",
    "to_table_schema",
    "withhold",
]
