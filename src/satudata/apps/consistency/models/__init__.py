from satudata.apps.consistency.models.comparisons import (
    Comparison,
    ComparisonResult,
    PeriodGrain,
    ResultStatus,
    WilayahLevel,
)

__all__ = ["Comparison", "ComparisonResult", "PeriodGrain", "ResultStatus", "WilayahLevel"]
