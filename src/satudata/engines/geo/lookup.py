"""Find features of a layer version by the words of their text attributes (a kelurahan's name,
an address, a parcel code), for a map's search box: each match with the attribute it matched
and the feature's bounding box, to zoom to."""

# SQL here is built only from quote_ident() identifiers, numbers and bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from satudata.engines.geo import features, layout
from satudata.engines.tabular.casts import literal
from satudata.engines.tabular.store import quote_ident

MAX_MATCHES = 10
MIN_LENGTH = 2
TEXT_TYPES = ("VARCHAR",)


@dataclass(frozen=True, slots=True)
class Match:
    fid: int
    attribute: str
    text: str
    bbox: tuple[float, float, float, float]


def text_attributes(path: Path) -> list[str]:
    return [name for name, kind in features.attributes(path) if kind.upper() in TEXT_TYPES]


def find(path: Path, words: str, limit: int = MAX_MATCHES) -> list[Match]:
    """Features whose text attributes hold `words` (case and accents as typed are ignored): a
    match on an earlier attribute first (a layer's first text attributes name its features);
    on one attribute, the features that are the words, then those that begin with them, then
    the rest, in the stored order; at most `limit`."""
    words = " ".join(words.split())
    columns = text_attributes(path)
    if len(words) < MIN_LENGTH or not columns:
        return []
    stored = [name for name, _kind in features._schema(str(path))]
    if layout.BBOX in stored:
        box = f"{layout.BBOX}.xmin, {layout.BBOX}.ymin, {layout.BBOX}.xmax, {layout.BBOX}.ymax"
    else:
        box = ", ".join(f"ST_{f}({layout.GEOMETRY})" for f in ("XMin", "YMin", "XMax", "YMax"))
    hit = (
        "coalesce("
        + ", ".join(
            f"CASE WHEN strip_accents(lower({quote_ident(c)})) LIKE $pattern ESCAPE '\\' "
            f"THEN {{'a': {literal(c)}, 't': {quote_ident(c)}, 'k': {k}}} END"
            for k, c in enumerate(columns)
        )
        + ")"
    )
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    con = features._connect()
    try:
        rows = con.execute(
            f"SELECT __fid, __hit.a, __hit.t, {box} FROM (SELECT {layout.fid_of(stored)} "
            f"AS __fid, {hit} AS __hit, * FROM read_parquet({literal(str(path))}, "
            f"file_row_number = true)) WHERE __hit IS NOT NULL AND {layout.GEOMETRY} IS NOT NULL "
            f"ORDER BY __hit.k, strip_accents(lower(__hit.t)) <> $start, "
            f"NOT starts_with(strip_accents(lower(__hit.t)), $start), file_row_number "
            f"LIMIT {int(limit)}",
            {"pattern": f"%{_plain(escaped)}%", "start": _plain(words.lower())},
        ).fetchall()
    finally:
        con.close()
    return [
        Match(int(r[0]), str(r[1]), str(r[2]), (float(r[3]), float(r[4]), float(r[5]), float(r[6])))
        for r in rows
    ]


def _plain(text: str) -> str:
    """The words without accents, as the attributes are compared."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
