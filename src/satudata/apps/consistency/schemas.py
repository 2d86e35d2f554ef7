"""API shapes of comparisons between datasets."""

from datetime import datetime

from ninja import Schema


class ComparedDataset(Schema):
    slug: str
    title: str
    organisation: str
    value_column: str
    wilayah_column: str
    period_column: str | None
    filter_column: str | None
    filter_value: str | None
    url: str


class ComparisonOut(Schema):
    id: int
    variable: str
    dataset_a: ComparedDataset
    dataset_b: ComparedDataset
    tolerance_absolute: float | None
    tolerance_percent: float | None
    wilayah_level: str | None
    status: str | None
    computed_at: datetime | None
    version_a: int | None
    version_b: int | None
    matched: int
    disagreements: int
    only_in_a: int
    only_in_b: int
    max_relative_percent: float | None
    url: str


class ComparisonPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ComparisonOut]


class DifferenceOut(Schema):
    wilayah: str
    wilayah_name: str | None
    period: str | None
    value_a: float | None
    value_b: float | None
    difference: float | None
    relative_percent: float | None


class ComparisonDetail(ComparisonOut):
    error: str | None
    disagreement_rows: list[DifferenceOut]
    only_in_a_rows: list[DifferenceOut]
    only_in_b_rows: list[DifferenceOut]
