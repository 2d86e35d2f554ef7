"""Indicator values typed or pasted by hand, one per line: period, kode wilayah (empty for the
whole city), value and source, separated by tabs (as pasted from a spreadsheet), semicolons or
commas. Numbers may use an Indonesian decimal comma (12,5; 1.234,5) or a decimal point (12.5).

Every line is checked; a problem names the line, the column and the value, and nothing is kept
when any line is wrong. Messages are msgids marked with `N_`, their values in `params`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Mark a string as a msgid without translating it."""
    return message


MAX_LINES = 5_000
MAX_PERIOD = 20
MAX_SOURCE = 300
PERIOD = re.compile(r"^[0-9A-Za-z][0-9A-Za-z .\-/]*$")
KODE_DIGITS = {6: "kecamatan", 10: "kelurahan"}
COMMA_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
POINT_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
COLUMNS = (N_("period"), N_("kode wilayah"), N_("value"), N_("source"))
HEADER_WORDS = {"periode", "period", "tahun", "year"}


@dataclass(frozen=True)
class Entry:
    line: int
    period: str
    level: str
    kode: str
    value: float
    source: str


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


def dotted(text: str) -> tuple[str, str] | None:
    """The level and the dotted form of a kecamatan or kelurahan code (367101 → 36.71.01)."""
    digits = re.sub(r"[^0-9]", "", text)
    level = KODE_DIGITS.get(len(digits))
    if level is None or len(digits) != len(re.sub(r"[ .]", "", text)):
        return None
    parts = [digits[0:2], digits[2:4], digits[4:6]] + ([digits[6:]] if len(digits) == 10 else [])
    return level, ".".join(parts)


def number(text: str) -> float | None:
    """A number written the Indonesian way or with a decimal point; None when it is not one."""
    compact = text.replace(" ", "")
    if "," in compact and COMMA_NUMBER.match(compact):
        return float(compact.replace(".", "").replace(",", "."))
    if POINT_NUMBER.match(compact):
        return float(compact)
    return None


def _split(line: str) -> list[str]:
    for separator in ("\t", ";"):
        if separator in line:
            return [cell.strip() for cell in line.split(separator)]
    return [cell.strip() for cell in line.split(",", 3)]


def _check(number_of: int, cells: list[str], problems: list[Problem]) -> Entry | None:
    if len(cells) < 4:
        problems.append(
            Problem(
                number_of,
                "",
                N_("Write four parts: period, kode wilayah (empty for the city), value, source."),
            )
        )
        return None
    period, kode, raw, source = cells[0], cells[1], cells[2], ", ".join(cells[3:]).strip(" ,")
    found = len(problems)
    if not period or len(period) > MAX_PERIOD or not PERIOD.match(period):
        problems.append(
            Problem(
                number_of,
                COLUMNS[0],
                N_("“%(value)s” is not a period: write e.g. 2024, 2024-03 or 2024 Semester I."),
                {"value": period},
            )
        )
    place = ("kota", "") if not kode else dotted(kode)
    if place is None:
        problems.append(
            Problem(
                number_of,
                COLUMNS[1],
                N_(
                    "“%(value)s” is not the kode of a kecamatan (6 digits) or a kelurahan "
                    "(10 digits); leave it empty for the whole city."
                ),
                {"value": kode},
            )
        )
    value = number(raw)
    if value is None:
        problems.append(
            Problem(
                number_of,
                COLUMNS[2],
                N_("“%(value)s” is not a number: write e.g. 12,5 or 1.234."),
                {"value": raw},
            )
        )
    if not source or len(source) > MAX_SOURCE:
        problems.append(
            Problem(
                number_of,
                COLUMNS[3],
                N_("Name the source of the value (at most 300 characters)."),
            )
        )
    if len(problems) > found or place is None or value is None:
        return None
    return Entry(number_of, period, place[0], place[1], value, source)


def _is_header(cells: list[str]) -> bool:
    """A first line copied with the spreadsheet's column titles (Periode, Kode, Nilai, …)."""
    return cells[0].lower() in HEADER_WORDS and (len(cells) < 3 or number(cells[2]) is None)


def parse(text: str) -> tuple[list[Entry], list[Problem]]:
    """The entries of `text` and the problems of its lines (lines are numbered from 1)."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        return [], [Problem(0, "", N_("At most 5,000 lines at a time."))]
    for number_of, line in enumerate(lines, start=1):
        cells = _split(line)
        if not line.strip() or (number_of == 1 and _is_header(cells)):
            continue
        entry = _check(number_of, cells, problems)
        if entry is None:
            continue
        key = (entry.period, entry.kode)
        if key in seen:
            problems.append(
                Problem(
                    number_of,
                    COLUMNS[1],
                    N_("Period %(period)s and this wilayah are already on line %(first)s."),
                    {"period": entry.period, "first": seen[key]},
                )
            )
            continue
        seen[key] = number_of
        entries.append(entry)
    if not entries and not problems:
        problems.append(Problem(0, "", N_("Write at least one line.")))
    return entries, problems
