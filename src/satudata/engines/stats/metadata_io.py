"""The exchange formats of BPS Metadata Statistik: one XLSX workbook with the sheets MS-Keg,
MS-Var and MS-Ind (headers as BPS's forms name them), and a JSON document. Both read back into
the same records, with every problem located by sheet, row and column (or JSON path)."""

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from satudata.engines.stats.metadata import (
    DUPLICATE,
    IND_FIELDS,
    INTEGER,
    KEG_FIELDS,
    KEY_JUDUL,
    LINK_FIELDS,
    LONG,
    MISSING_COLUMN,
    MISSING_SHEET,
    NOT_A_LIST,
    NOT_JSON,
    NOT_WORKBOOK,
    SHEET_IND,
    SHEET_KEG,
    SHEET_VAR,
    SHEETS,
    UNKNOWN_KEGIATAN,
    VAR_FIELDS,
    Field,
    KegiatanRecord,
    Parsed,
    Problem,
    Record,
    clean,
    display,
    text_of,
)

JSON_FORMAT = "satudata.kegiatan-statistik"
JSON_VERSION = 1


def _row_cells(item_fields: Sequence[Field], values: Mapping[str, Any]) -> list[Any]:
    cells: list[Any] = []
    for item in item_fields:
        value = values.get(item.key)
        cells.append(value if item.kind == INTEGER and value is not None else display(item, value))
    return cells


def write_workbook(kegiatan: Sequence[KegiatanRecord], target: Path | IO[bytes]) -> None:
    """One workbook: MS-Keg (a row per kegiatan), MS-Var and MS-Ind (a row per variabel or
    indikator, starting with the Judul Kegiatan and Tahun of its kegiatan)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_numbers": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
    required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "text_wrap": True})
    layouts = (
        (SHEET_KEG, KEG_FIELDS, [(k.values, k.values) for k in kegiatan], False),
        (SHEET_VAR, VAR_FIELDS, [(k.values, v.values) for k in kegiatan for v in k.variabel], True),
        (
            SHEET_IND,
            IND_FIELDS,
            [(k.values, i.values) for k in kegiatan for i in k.indikator],
            True,
        ),
    )
    for name, fields, rows, linked in layouts:
        sheet = book.add_worksheet(name)
        columns = [*LINK_FIELDS, *fields] if linked else list(fields)
        for col, item in enumerate(columns):
            strong = item.required or (linked and col < len(LINK_FIELDS))
            sheet.write_string(0, col, item.label, required if strong else head)
            sheet.set_column(col, col, 40 if item.kind == LONG else 22)
        sheet.freeze_panes(1, 1)
        for row, (parent, values) in enumerate(rows, start=1):
            cells = (_row_cells(LINK_FIELDS, parent) if linked else []) + _row_cells(fields, values)
            for col, cell in enumerate(cells):
                if isinstance(cell, int):
                    sheet.write_number(row, col, cell)
                elif cell:
                    sheet.write_string(row, col, cell)
    book.close()


def _headers(
    sheet: str, header: Sequence[Any], columns: Sequence[Field]
) -> tuple[dict[str, int], list[Problem]]:
    found = {text_of(cell).casefold(): n for n, cell in enumerate(header) if text_of(cell)}
    where: dict[str, int] = {}
    problems: list[Problem] = []
    for item in columns:
        position = found.get(item.label.casefold())
        if position is not None:
            where[item.key] = position
        elif item.required:
            problems.append(Problem(sheet, 1, item.label, MISSING_COLUMN))
    return where, problems


def _sheet_rows(reader: Any, name: str) -> list[tuple[Any, ...]]:
    return reader.load_sheet_by_name(name, header_row=None, dtypes="string").to_polars().rows()


def _records(
    name: str, rows: list[tuple[Any, ...]], fields: Sequence[Field], linked: bool
) -> tuple[list[tuple[tuple[str, int | None], Record]], list[Problem]]:
    """Each non-empty row of a sheet, cleaned; linked sheets also give the kegiatan key."""
    if not rows:
        return [], [Problem(name, 1, "", MISSING_COLUMN)]
    links = [
        Field(f"_{f.key}", f.label, f.kind, True, minimum=f.minimum, maximum=f.maximum)
        for f in LINK_FIELDS
    ]
    where, problems = _headers(name, rows[0], [*links, *fields] if linked else list(fields))
    if problems:
        return [], problems
    out = []
    for number, row in enumerate(rows[1:], start=2):
        raw = {key: row[pos] if pos < len(row) else None for key, pos in where.items()}
        if not any(text_of(v) for v in raw.values()):
            continue
        values, found = clean(fields, raw, sheet=name, row=number)
        key: tuple[str, int | None] = ("", None)
        if linked:
            link, link_problems = clean(
                LINK_FIELDS,
                {f.key: raw.get(f"_{f.key}") for f in LINK_FIELDS},
                sheet=name,
                row=number,
            )
            found = link_problems + found
            key = (str(link.get("judul", "")), link.get("tahun"))
        problems.extend(found)
        out.append((key, Record(values, number)))
    return out, problems


def read_workbook(source: Path | bytes) -> Parsed:
    """The kegiatan of a workbook in the layout of `write_workbook`, with every problem."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(source)
        names = set(reader.sheet_names)
    except fastexcel.FastExcelError:
        return Parsed([], [Problem("", None, "", NOT_WORKBOOK)])
    if SHEET_KEG not in names:
        return Parsed([], [Problem(SHEET_KEG, None, "", MISSING_SHEET)])
    keg_rows, problems = _records(SHEET_KEG, _sheet_rows(reader, SHEET_KEG), KEG_FIELDS, False)
    kegiatan = [KegiatanRecord(r.values, r.row) for _k, r in keg_rows]
    by_key = _index(kegiatan, problems, in_json=False)
    # A row of MS-Keg without a valid Tahun is already reported; its entries are not again.
    broken = {k.key[0] for k in kegiatan if k.values.get("tahun") is None}
    for name, attr in ((SHEET_VAR, "variabel"), (SHEET_IND, "indikator")):
        if name not in names:
            continue
        rows, found = _records(name, _sheet_rows(reader, name), SHEETS[name], True)
        problems.extend(found)
        for (judul, tahun), record in rows:
            parent = by_key.get((judul.casefold(), tahun))
            if parent is None:
                if judul and tahun is not None and judul.casefold() not in broken:
                    value = f"{judul} ({tahun})"
                    problems.append(Problem(name, record.row, KEY_JUDUL, UNKNOWN_KEGIATAN, value))
                continue
            getattr(parent, attr).append(record)
    for item in kegiatan:
        _no_duplicate_names(item.variabel, SHEET_VAR, "Nama Variabel", problems)
        _no_duplicate_names(item.indikator, SHEET_IND, "Nama Indikator", problems)
    return Parsed(kegiatan, problems)


def _index(
    kegiatan: list[KegiatanRecord], problems: list[Problem], *, in_json: bool
) -> dict[tuple[str, int | None], KegiatanRecord]:
    """The kegiatan by (judul, tahun); a second one with the same pair is a problem."""
    by_key: dict[tuple[str, int | None], KegiatanRecord] = {}
    for n, item in enumerate(kegiatan):
        if not item.values.get("judul") or item.values.get("tahun") is None:
            continue
        if item.key in by_key:
            value = f"{item.values['judul']} ({item.values['tahun']})"
            path = f"kegiatan[{n}].ms_keg" if in_json else ""
            problems.append(Problem(SHEET_KEG, item.row, KEY_JUDUL, DUPLICATE, value, path=path))
        else:
            by_key[item.key] = item
    return by_key


def _no_duplicate_names(
    records: list[Record], sheet: str, column: str, problems: list[Problem], path: str = ""
) -> None:
    seen: set[str] = set()
    for n, record in enumerate(records):
        name = str(record.values.get("nama", "")).casefold()
        if not name:
            continue
        if name in seen:
            where = f"{path}[{n}]" if path else ""
            problems.append(
                Problem(sheet, record.row, column, DUPLICATE, record.values["nama"], path=where)
            )
        seen.add(name)


# JSON


def to_json(kegiatan: Iterable[KegiatanRecord]) -> dict[str, Any]:
    """The documented JSON shape: {"format", "version", "kegiatan": [{"ms_keg": {...},
    "variabel": [{...}], "indikator": [{...}]}]}."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "kegiatan": [
            {
                "ms_keg": dict(item.values),
                "variabel": [dict(v.values) for v in item.variabel],
                "indikator": [dict(i.values) for i in item.indikator],
            }
            for item in kegiatan
        ],
    }


def _json_list(doc: Mapping[str, Any], key: str, path: str, problems: list[Problem]) -> list:
    found = doc.get(key, [])
    if not isinstance(found, list):
        problems.append(Problem("", None, key, NOT_A_LIST, path=f"{path}{key}"))
        return []
    return found


def from_json(source: bytes | str | Mapping[str, Any]) -> Parsed:
    """The kegiatan of a document in the shape of `to_json`, with every problem."""
    try:
        doc = json.loads(source) if isinstance(source, bytes | str) else source
    except (ValueError, UnicodeDecodeError):
        return Parsed([], [Problem("", None, "", NOT_JSON)])
    if not isinstance(doc, Mapping):
        return Parsed([], [Problem("", None, "", NOT_JSON)])
    problems: list[Problem] = []
    kegiatan: list[KegiatanRecord] = []
    for n, entry in enumerate(_json_list(doc, "kegiatan", "", problems)):
        path = f"kegiatan[{n}]"
        if not isinstance(entry, Mapping) or not isinstance(entry.get("ms_keg"), Mapping):
            problems.append(Problem(SHEET_KEG, None, "", MISSING_SHEET, path=f"{path}.ms_keg"))
            continue
        values, found = clean(KEG_FIELDS, entry["ms_keg"], sheet=SHEET_KEG, path=f"{path}.ms_keg")
        problems.extend(found)
        item = KegiatanRecord(values)
        for key, sheet, fields in (
            ("variabel", SHEET_VAR, VAR_FIELDS),
            ("indikator", SHEET_IND, IND_FIELDS),
        ):
            for m, raw in enumerate(_json_list(entry, key, f"{path}.", problems)):
                where = f"{path}.{key}[{m}]"
                if not isinstance(raw, Mapping):
                    problems.append(Problem(sheet, None, "", NOT_A_LIST, path=where))
                    continue
                record_values, record_problems = clean(fields, raw, sheet=sheet, path=where)
                problems.extend(record_problems)
                getattr(item, key).append(Record(record_values))
        _no_duplicate_names(item.variabel, SHEET_VAR, "Nama Variabel", problems, f"{path}.variabel")
        _no_duplicate_names(
            item.indikator, SHEET_IND, "Nama Indikator", problems, f"{path}.indikator"
        )
        kegiatan.append(item)
    _index(kegiatan, problems, in_json=True)
    return Parsed(kegiatan, problems)
