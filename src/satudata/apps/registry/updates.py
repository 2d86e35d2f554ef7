"""Comparing a newer decree's full list of codes with the registry: what is added, renamed and
retired, and which splits, merges and moves a change file declares. Nothing here writes."""

import csv
import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from satudata.apps.registry.loader import level_of, parent_code
from satudata.apps.registry.models import Wilayah, WilayahChange
from satudata.engines.places import display_name, normalise

DECLARED_KINDS = {
    WilayahChange.Kind.SPLIT,
    WilayahChange.Kind.MERGED,
    WilayahChange.Kind.MOVED,
    WilayahChange.Kind.RENAMED,
}


class UpdateError(Exception):
    """A file that cannot be used as it is; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Declared:
    old_kode: str
    new_kode: str
    kind: str


@dataclass
class UpdatePlan:
    """What applying a decree's list changes."""

    added: dict[str, str] = field(default_factory=dict)
    renamed: dict[str, tuple[str, str]] = field(default_factory=dict)
    retired: dict[str, str] = field(default_factory=dict)
    declared: list[Declared] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.renamed or self.retired or self.declared)

    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "renamed": len(self.renamed),
            "retired": len(self.retired),
            "declared": len(self.declared),
        }


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix.lower() == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise UpdateError(_("%(file)s is not a gzip file.") % {"file": path.name}) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UpdateError(_("%(file)s is not UTF-8 text.") % {"file": path.name}) from exc


def _csv_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(_text(path)))
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in columns if c not in headers]
    if missing:
        raise UpdateError(
            _("%(file)s needs the columns %(columns)s.")
            % {"file": path.name, "columns": ", ".join(columns)}
        )
    reader.fieldnames = headers
    return [
        (n, {k: (v or "").strip() for k, v in row.items() if k})
        for n, row in enumerate(reader, start=2)
    ]


def read_names(path: Path) -> dict[str, str]:
    """Code → display name from a CSV (kode,nama) or a JSON object {kode: nama}, maybe .gz."""
    stem = path.name.lower().removesuffix(".gz")
    if stem.endswith(".json"):
        try:
            data = json.loads(_text(path))
        except json.JSONDecodeError as exc:
            raise UpdateError(
                _("%(file)s is not valid JSON: %(error)s") % {"file": path.name, "error": exc}
            ) from exc
        if not isinstance(data, dict):
            raise UpdateError(
                _("%(file)s must hold one object {kode: nama}.") % {"file": path.name}
            )
        pairs = [(n, str(k).strip(), str(v).strip()) for n, (k, v) in enumerate(data.items(), 1)]
    elif stem.endswith(".csv"):
        pairs = [(n, r["kode"], r["nama"]) for n, r in _csv_rows(path, ("kode", "nama"))]
    else:
        raise UpdateError(
            _("Give a .csv or .json file (maybe .gz), not %(file)s.") % {"file": path.name}
        )
    names: dict[str, str] = {}
    for where, kode, nama in pairs:
        if level_of(kode) is None:
            raise UpdateError(
                _('%(file)s, entry %(row)s: "%(kode)s" is not a kode wilayah (PP.KK.CC.DDDD).')
                % {"file": path.name, "row": where, "kode": kode}
            )
        if not nama:
            raise UpdateError(
                _("%(file)s, entry %(row)s: the code %(kode)s has no name.")
                % {"file": path.name, "row": where, "kode": kode}
            )
        names[kode] = display_name(nama)
    if not names:
        raise UpdateError(_("%(file)s holds no codes.") % {"file": path.name})
    return names


def read_changes(path: Path) -> list[Declared]:
    """The declared splits, merges, moves and renames: a CSV old_kode,new_kode,kind."""
    found = []
    for row, values in _csv_rows(path, ("old_kode", "new_kode", "kind")):
        kind = values["kind"].lower()
        if kind not in DECLARED_KINDS:
            raise UpdateError(
                _('%(file)s, row %(row)s: the kind "%(kind)s" is not one of %(kinds)s.')
                % {
                    "file": path.name,
                    "row": row,
                    "kind": kind,
                    "kinds": ", ".join(sorted(DECLARED_KINDS)),
                }
            )
        for kode in (values["old_kode"], values["new_kode"]):
            if level_of(kode) is None:
                raise UpdateError(
                    _('%(file)s, row %(row)s: "%(kode)s" is not a kode wilayah.')
                    % {"file": path.name, "row": row, "kode": kode}
                )
        found.append(Declared(values["old_kode"], values["new_kode"], kind))
    return found


def plan_update(names: dict[str, str], declared: list[Declared] | None = None) -> UpdatePlan:
    """Compare the decree's full list with the current codes of the registry."""
    known = dict(Wilayah.objects.values_list("kode", "nama"))
    current = dict(Wilayah.objects.filter(valid_until__isnull=True).values_list("kode", "nama"))
    plan = UpdatePlan(declared=list(declared or []))
    for kode, nama in sorted(names.items()):
        parent = parent_code(kode)
        if parent is not None and parent not in names:
            raise UpdateError(
                _("The code %(kode)s has no parent %(parent)s in the list.")
                % {"kode": kode, "parent": parent}
            )
        if kode not in current:
            plan.added[kode] = nama
        elif normalise(current[kode]) != normalise(nama):
            plan.renamed[kode] = (current[kode], nama)
    plan.retired = {kode: nama for kode, nama in sorted(current.items()) if kode not in names}
    for change in plan.declared:
        if change.old_kode not in known:
            raise UpdateError(
                _("The change file names %(kode)s, which the registry does not know.")
                % {"kode": change.old_kode}
            )
        if change.new_kode not in names:
            raise UpdateError(
                _("The change file names %(kode)s, which is not in the new list.")
                % {"kode": change.new_kode}
            )
    return plan
