"""Reading an imported code list or register file through the tabular engine, and checking it
row by row: every problem names the row, the column, the value and the rule, and nothing is
written while any problem remains."""

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_noop as N_

from satudata.apps.codelists.errors import ImportProblem, TableError
from satudata.engines.tabular import Options, Problem, TabularError, normalise_name
from satudata.engines.tabular.detect import detect_format
from satudata.engines.tabular.model import SourceInfo
from satudata.engines.tabular.session import session
from satudata.engines.tabular.source import load as load_upload

CODE_MAX = 64
LABEL_MAX = 300
NAME_MAX = 300
ADDRESS_MAX = 500
ORDER_LIMIT = 2_000_000_000
MAX_ROWS = 200_000
FETCH_ROWS = 10_000
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
TRUE_WORDS = {"1", "y", "ya", "yes", "true", "benar", "aktif", "active"}
FALSE_WORDS = {
    "0",
    "n",
    "t",
    "tidak",
    "no",
    "false",
    "salah",
    "nonaktif",
    "tidak_aktif",
    "inactive",
}

DATE_ALIASES = {
    "valid_from": ("valid_from", "berlaku_mulai", "mulai_berlaku", "berlaku_dari", "tanggal_mulai"),
    "valid_to": (
        "valid_to",
        "berlaku_sampai",
        "berlaku_hingga",
        "akhir_berlaku",
        "berakhir",
        "tanggal_akhir",
    ),
}
CODE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "kode", "kd", "kode_referensi", "notation"),
    "label_id": ("label_id", "label", "nama", "name", "uraian", "label_indonesia", "pref_label"),
    "label_en": ("label_en", "name_en", "nama_en", "label_inggris", "nama_inggris", "english"),
    "parent": ("parent", "induk", "kode_induk", "parent_code", "kode_parent", "broader"),
    "order": ("order", "urutan", "no_urut", "nomor_urut"),
    **DATE_ALIASES,
    "notes": ("notes", "catatan", "keterangan", "note"),
}
ENTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "identifier": ("identifier", "identitas", "kode_identitas", "id"),
    "name": ("name", "nama", "nama_lembaga", "nama_sekolah", "nama_faskes", "nama_satuan"),
    "kode_wilayah": ("kode_wilayah", "kode_kelurahan", "kode_desa", "kode_kelurahan_desa"),
    "address": ("address", "alamat", "alamat_lengkap"),
    "active": ("active", "aktif", "status_aktif"),
    **DATE_ALIASES,
}


@dataclass(frozen=True)
class CodeRow:
    row: int
    code: str
    label_id: str
    label_en: str = ""
    parent: str = ""
    order: int = 0
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class EntryRow:
    row: int
    identifier: str
    name: str
    kode_wilayah: str = ""
    address: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    active: bool = True
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class Table:
    """`headers` of the header row (`header_row`, 1-based); `rows` as (row number, cells);
    `problems` found while reading (rows with the wrong number of fields, formula errors)."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]
    problems: list[ImportProblem] = field(default_factory=list)


def _problem(found: Problem, rule: str | None = None) -> ImportProblem:
    return ImportProblem(
        rule=rule or found.rule,
        message=found.message,
        row=found.row,
        column=found.column,
        value=found.value,
        params=dict(found.params),
        hint=found.hint,
    )


def read_table(path: Path, filename: str, options: Options) -> Table:
    """The table of a CSV/TSV/TXT or XLSX/XLS/ODS file as the tabular engine reads every upload:
    the format checked from its bytes, the encoding and delimiter found, title rows above the
    header skipped, the first sheet with data, every cell as text (codes keep their leading
    zeros). Blank rows are left out; row numbers stay the file's. Raises `TableError` when the
    file cannot be read as a table."""
    try:
        kind = detect_format(path, filename, options)
        info = SourceInfo(format=kind, filename=filename, size=path.stat().st_size)
        with session(options) as con:
            raw = load_upload(con, path, info, options)
            cursor = con.execute("SELECT rowid, * FROM raw ORDER BY rowid")
            rows: list[tuple[int, list[str]]] = []
            while batch := cursor.fetchmany(FETCH_ROWS):
                for rowid, *cells in batch:
                    cleaned = [(value or "").strip() for value in cells]
                    if any(cleaned):
                        rows.append((raw.user_row(rowid), cleaned))
                if len(rows) > MAX_ROWS:
                    raise TableError(
                        ImportProblem(
                            "file.unreadable",
                            N_("The file has more than %(limit)s rows; split it."),
                            params={"limit": MAX_ROWS},
                        )
                    )
    except TabularError as exc:
        raise TableError(_problem(exc.problem, "file.unreadable")) from exc
    found = [*raw.problems, *(p for sample, _total in raw.sampled for p in sample)]
    header_rows = raw.source.header_rows
    return Table(
        headers=[title.strip() for title in raw.titles],
        header_row=header_rows[-1] if header_rows else raw.first_row - 1,
        rows=rows,
        problems=[_problem(p) for p in found],
    )


def match_columns(
    headers: Sequence[str], aliases: Mapping[str, Sequence[str]]
) -> tuple[dict[str, int], list[int]]:
    """Which header column holds each field (`aliases`: field → accepted normalised names, in
    order of preference), and the indices of the other, named columns."""
    normalised = [normalise_name(h) for h in headers]
    found: dict[str, int] = {}
    for name, accepted in aliases.items():
        for alias in accepted:
            index = next(
                (j for j, h in enumerate(normalised) if h == alias and j not in found.values()),
                None,
            )
            if index is not None:
                found[name] = index
                break
    extra = [j for j, h in enumerate(normalised) if h and j not in found.values()]
    return found, extra


def cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def parse_date(text: str) -> date | None:
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def normalise_kode_wilayah(text: str) -> str:
    """`3671011001` → `36.71.01.1001`; a dotted code stays as it is."""
    digits = text.replace(" ", "")
    if digits.isdigit() and len(digits) in (2, 4, 6, 10):
        parts = [digits[:2], digits[2:4], digits[4:6], digits[6:]]
        return ".".join(p for p in parts if p)
    return digits


class _Rows:
    """Collects problems while reading the cells of one table."""

    def __init__(self, table: Table, columns: dict[str, int]) -> None:
        self.table = table
        self.columns = columns
        self.problems: list[ImportProblem] = []

    def all_problems(self) -> list[ImportProblem]:
        """The problems of reading the file and of its cells, in the order of the rows."""
        found = [*self.table.problems, *self.problems]
        return sorted(found, key=lambda p: (p.row or 0, p.column or ""))

    def title(self, name: str) -> str:
        index = self.columns.get(name)
        return self.table.headers[index] if index is not None else name

    def add(self, rule: str, message: str, row: int, name: str, value: str, **params: Any) -> None:
        self.problems.append(
            ImportProblem(rule, message, row, self.title(name), value[:200], dict(params))
        )

    def text(self, cells: list[str], name: str, row: int, limit: int) -> str:
        value = cell(cells, self.columns.get(name))
        if len(value) > limit:
            self.add(
                "value.too_long",
                N_(
                    'Row %(row)s, column "%(column)s": the value is longer than %(limit)s '
                    "characters. Shorten it."
                ),
                row,
                name,
                value,
                limit=limit,
            )
            return value[:limit]
        return value

    def date_cell(self, cells: list[str], name: str, row: int) -> date | None:
        value = cell(cells, self.columns.get(name))
        try:
            return parse_date(value)
        except ValueError:
            self.add(
                "date.invalid",
                N_(
                    'Row %(row)s, column "%(column)s": "%(value)s" is not a date. '
                    "Write it as YYYY-MM-DD, e.g. 2025-01-31."
                ),
                row,
                name,
                value,
            )
            return None

    def dates(self, cells: list[str], row: int) -> tuple[date | None, date | None]:
        start = self.date_cell(cells, "valid_from", row)
        end = self.date_cell(cells, "valid_to", row)
        if start and end and end < start:
            self.add(
                "date.order",
                N_(
                    'Row %(row)s, column "%(column)s": the end of validity %(value)s is before '
                    "its start %(start)s."
                ),
                row,
                "valid_to",
                end.isoformat(),
                start=start.isoformat(),
            )
        return start, end

    def missing_column(self, name: str, accepted: Collection[str]) -> None:
        self.problems.append(
            ImportProblem(
                "column.missing",
                N_(
                    'The file has no column "%(column)s" (the header is in row %(row)s). '
                    "Name a column %(accepted)s."
                ),
                self.table.header_row,
                name,
                None,
                {"accepted": " / ".join(accepted)},
            )
        )

    def missing_pattern(self, pattern: str) -> None:
        self.problems.append(
            ImportProblem(
                "identifier.pattern_invalid",
                N_(
                    "The register's identifier pattern %(value)s is not a valid regular "
                    "expression; ask the walidata to correct it."
                ),
                value=pattern[:200],
            )
        )

    def required(self, cells: list[str], name: str, row: int, limit: int, rule: str) -> str:
        value = self.text(cells, name, row, limit)
        if not value:
            self.add(
                rule,
                N_('Row %(row)s, column "%(column)s": the value is empty; it is required.'),
                row,
                name,
                "",
            )
        return value


def _cycle_problems(rows: list[CodeRow], reader: _Rows) -> None:
    parent_of = {r.code: r.parent for r in rows if r.parent}
    for r in rows:
        seen, current = {r.code}, r.parent
        while current:
            if current in seen:
                reader.add(
                    "parent.cycle",
                    N_(
                        'Row %(row)s, column "%(column)s": the parent "%(value)s" leads back to '
                        'the code "%(code)s"; a code cannot be its own ancestor.'
                    ),
                    r.row,
                    "parent",
                    r.parent,
                    code=r.code,
                )
                break
            seen.add(current)
            current = parent_of.get(current, "")


def parse_codes(table: Table) -> tuple[list[CodeRow], list[ImportProblem]]:
    """The codes of a table, or the problems that stop its import."""
    columns, _extra = match_columns(table.headers, CODE_ALIASES)
    reader = _Rows(table, columns)
    for name in ("code", "label_id"):
        if name not in columns:
            reader.missing_column(name, CODE_ALIASES[name])
    if reader.problems:
        return [], reader.problems
    rows: list[CodeRow] = []
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        code = reader.required(cells, "code", number, CODE_MAX, "code.missing")
        label = reader.required(cells, "label_id", number, LABEL_MAX, "label.missing")
        if code and code in first_row:
            reader.add(
                "code.duplicate",
                N_(
                    'Row %(row)s, column "%(column)s": the code "%(value)s" is already in row '
                    "%(first_row)s; each code appears once."
                ),
                number,
                "code",
                code,
                first_row=first_row[code],
            )
        elif code:
            first_row[code] = number
        order_text = cell(cells, columns.get("order"))
        order = len(rows) + 1
        if order_text:
            try:
                order = int(order_text.removesuffix(".0"))
                if abs(order) > ORDER_LIMIT:
                    raise ValueError(order_text)
            except ValueError:
                reader.add(
                    "order.invalid",
                    N_('Row %(row)s, column "%(column)s": "%(value)s" is not a whole number.'),
                    number,
                    "order",
                    order_text,
                )
        start, end = reader.dates(cells, number)
        rows.append(
            CodeRow(
                row=number,
                code=code,
                label_id=label,
                label_en=reader.text(cells, "label_en", number, LABEL_MAX),
                parent=reader.text(cells, "parent", number, CODE_MAX),
                order=order,
                valid_from=start,
                valid_to=end,
                notes=reader.text(cells, "notes", number, 2000),
            )
        )
    if not rows:
        reader.problems.append(
            ImportProblem(
                "file.no_rows",
                N_("The file has a header but no codes below it."),
                table.header_row,
            )
        )
    for r in rows:
        if r.parent and r.parent not in first_row:
            reader.add(
                "parent.unknown",
                N_(
                    'Row %(row)s, column "%(column)s": the parent code "%(value)s" is not a code '
                    "of this file. Add it, or leave the cell empty."
                ),
                r.row,
                "parent",
                r.parent,
            )
    _cycle_problems([r for r in rows if r.parent in first_row], reader)
    return rows, reader.all_problems()


def entry_aliases(identifier_label: str) -> dict[str, tuple[str, ...]]:
    """The accepted column names of a register's file; its identifier label (e.g. NPSN) names the
    identifier column too."""
    own = normalise_name(identifier_label)
    identifier = ((own,) if own else ()) + ENTRY_ALIASES["identifier"]
    return {**ENTRY_ALIASES, "identifier": identifier}


def _active(reader: _Rows, cells: list[str], number: int) -> bool:
    value = cell(cells, reader.columns.get("active"))
    word = normalise_name(value)
    if not word or word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    reader.add(
        "active.invalid",
        N_('Row %(row)s, column "%(column)s": "%(value)s" is not yes/ya or no/tidak.'),
        number,
        "active",
        value,
    )
    return True


def parse_entries(
    table: Table,
    identifier_label: str,
    pattern: str,
    known_wilayah: Callable[[set[str]], set[str]],
) -> tuple[list[EntryRow], list[ImportProblem]]:
    """The entries of a register's table, or the problems that stop the import.
    `known_wilayah(codes)` answers which of the codes are kode wilayah of the reference list."""
    aliases = entry_aliases(identifier_label)
    columns, extra = match_columns(table.headers, aliases)
    reader = _Rows(table, columns)
    for name in ("identifier", "name"):
        if name not in columns:
            reader.missing_column(identifier_label if name == "identifier" else name, aliases[name])
    if reader.problems:
        return [], reader.problems
    try:
        compiled = re.compile(pattern) if pattern else None
    except re.error:
        reader.missing_pattern(pattern)
        return [], reader.problems
    keys = {j: normalise_name(table.headers[j])[:60] for j in extra}
    rows: list[EntryRow] = []
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        identifier = reader.required(cells, "identifier", number, CODE_MAX, "identifier.missing")
        name = reader.required(cells, "name", number, NAME_MAX, "name.missing")
        if identifier and identifier in first_row:
            reader.add(
                "identifier.duplicate",
                N_(
                    'Row %(row)s, column "%(column)s": the identifier "%(value)s" is already in '
                    "row %(first_row)s; each identifier appears once."
                ),
                number,
                "identifier",
                identifier,
                first_row=first_row[identifier],
            )
        elif identifier:
            first_row[identifier] = number
            if compiled is not None and not compiled.search(identifier):
                reader.add(
                    "identifier.pattern",
                    N_(
                        'Row %(row)s, column "%(column)s": "%(value)s" is not a valid '
                        "%(label)s (it must match the pattern %(pattern)s)."
                    ),
                    number,
                    "identifier",
                    identifier,
                    label=identifier_label,
                    pattern=pattern,
                )
        start, end = reader.dates(cells, number)
        attributes = {keys[j]: cell(cells, j)[:1000] for j in extra if cell(cells, j)}
        rows.append(
            EntryRow(
                row=number,
                identifier=identifier,
                name=name,
                kode_wilayah=normalise_kode_wilayah(cell(cells, columns.get("kode_wilayah"))),
                address=reader.text(cells, "address", number, ADDRESS_MAX),
                attributes=attributes,
                active=_active(reader, cells, number),
                valid_from=start,
                valid_to=end,
            )
        )
    if not rows:
        reader.problems.append(
            ImportProblem(
                "file.no_rows",
                N_("The file has a header but no entries below it."),
                table.header_row,
            )
        )
    wanted = {r.kode_wilayah for r in rows if r.kode_wilayah}
    known = known_wilayah(wanted) if wanted else set()
    for r in rows:
        if r.kode_wilayah and r.kode_wilayah not in known:
            reader.add(
                "kode_wilayah.unknown",
                N_(
                    'Row %(row)s, column "%(column)s": "%(value)s" is not a kode wilayah of the '
                    "reference list (Kemendagri, e.g. 36.71.01.1001)."
                ),
                r.row,
                "kode_wilayah",
                r.kode_wilayah,
            )
    return rows, reader.all_problems()
