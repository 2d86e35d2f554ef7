"""Consistency of one variable across two datasets: per kode wilayah and period, with DuckDB."""

from satudata.engines.compare.compare import column_types, compare
from satudata.engines.compare.model import (
    CompareError,
    Options,
    Outcome,
    PeriodGrain,
    Row,
    Side,
    SideSummary,
    Tolerance,
    WilayahLevel,
)

__all__ = [
    "CompareError",
    "Options",
    "Outcome",
    "PeriodGrain",
    "Row",
    "Side",
    "SideSummary",
    "Tolerance",
    "WilayahLevel",
    "column_types",
    "compare",
]
