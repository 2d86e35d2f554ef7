from satudata.apps.standards.models.adoption import Conformance, DatasetStandard
from satudata.apps.standards.models.standards import (
    ImmutableStandardError,
    Standard,
    StandardField,
    StandardVersion,
    WilayahLevel,
)

__all__ = [
    "Conformance",
    "DatasetStandard",
    "ImmutableStandardError",
    "Standard",
    "StandardField",
    "StandardVersion",
    "WilayahLevel",
]
