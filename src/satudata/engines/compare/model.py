"""What the comparison engine takes and returns, and the typed error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it (the Django layer translates)."""
    return message


def identity(text: str) -> str:
    return text


class PeriodGrain(StrEnum):
    """How a date column becomes a period key: the year ("2024") or the month ("2024-08")."""

    YEAR = "year"
    MONTH = "month"


class WilayahLevel(StrEnum):
    """The level the kode wilayah are cut to before aggregating (PP.KK.CC.DDDD has 4 parts)."""

    AS_IS = ""
    PROVINSI = "provinsi"
    KABKOTA = "kabkota"
    KECAMATAN = "kecamatan"
    DESA = "desa"


LEVEL_PARTS = {
    WilayahLevel.PROVINSI: 1,
    WilayahLevel.KABKOTA: 2,
    WilayahLevel.KECAMATAN: 3,
    WilayahLevel.DESA: 4,
}


@dataclass(frozen=True, slots=True)
class Side:
    """One dataset version of the pair: the file and the columns to read.

    `filter_column`/`filter_value` keep only the rows whose value, as text, equals
    `filter_value` (trimmed, case-insensitive), e.g. jenis kelamin = "Jumlah"."""

    path: Path
    value: str
    wilayah: str
    period: str | None = None
    filter_column: str | None = None
    filter_value: str | None = None


@dataclass(frozen=True, slots=True)
class Tolerance:
    """A key disagrees when its difference exceeds every tolerance that is set: more than
    `absolute` units apart and more than `percent` % of A's value apart. With neither set, any
    difference is a disagreement."""

    absolute: float | None = None
    percent: float | None = None


@dataclass(frozen=True, slots=True)
class Options:
    grain: PeriodGrain = PeriodGrain.YEAR
    level: WilayahLevel = WilayahLevel.AS_IS
    max_rows: int = 500
    memory_limit: str = "1GB"
    threads: int = 2
    temp_dir: Path | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One (wilayah, period) key. `difference` is B − A; `relative` is |B − A| / |A| (None when
    A is 0 and B is not, or when a side has no value)."""

    wilayah: str
    period: str | None
    value_a: float | None
    value_b: float | None
    difference: float | None
    relative: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "wilayah": self.wilayah,
            "period": self.period,
            "value_a": self.value_a,
            "value_b": self.value_b,
            "difference": self.difference,
            "relative": self.relative,
        }


@dataclass(frozen=True, slots=True)
class SideSummary:
    """What was read from one side: all rows, rows kept by the filter, rows without a kode
    wilayah, rows without a value, and the distinct keys."""

    rows: int
    rows_kept: int
    missing_keys: int
    missing_values: int
    keys: int


@dataclass(frozen=True, slots=True)
class Outcome:
    matched: int
    disagreements: int
    only_in_a: int
    only_in_b: int
    max_relative: float | None
    a: SideSummary
    b: SideSummary
    rows: list[Row] = field(default_factory=list)
    only_a_rows: list[Row] = field(default_factory=list)
    only_b_rows: list[Row] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return self.disagreements == 0


class CompareError(Exception):
    """A comparison that cannot be made; `message` is a msgid, `params` fill it in."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.text())

    def text(self, tr: Any = identity) -> str:
        return tr(self.message) % self.params
