"""The engine's metadata problems in words an official can act on: where (sheet, row, column
or JSON path), which rule, the value found and what to write instead."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satudata.engines.stats import metadata as md

RULES = {
    md.REQUIRED: gettext_lazy("required: fill it in"),
    md.REQUIRED_IF: gettext_lazy("required when %(value)s: fill it in"),
    md.NOT_INTEGER: gettext_lazy("“%(value)s” is not a whole number; write a number"),
    md.OUT_OF_RANGE: gettext_lazy("%(value)s is outside the allowed range %(allowed)s"),
    md.NOT_DATE: gettext_lazy("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01"),
    md.NOT_YES_NO: gettext_lazy("“%(value)s” is neither Ya nor Tidak; write Ya or Tidak"),
    md.NOT_CHOICE: gettext_lazy("“%(value)s” is not one of the choices; write one of: %(allowed)s"),
    md.TOO_LONG: gettext_lazy("the text is longer than %(allowed)s characters; shorten it"),
    md.DUPLICATE: gettext_lazy("“%(value)s” appears twice; keep one entry for it"),
    md.UNKNOWN_KEGIATAN: gettext_lazy(
        "the kegiatan “%(value)s” is not on sheet MS-Keg; add it there or correct the "
        "Judul Kegiatan and Tahun"
    ),
    md.MISSING_SHEET: gettext_lazy(
        "the sheet is missing; export a workbook from the platform to see the layout"
    ),
    md.MISSING_COLUMN: gettext_lazy(
        "the column is missing from the header row (row 1); add it as in an exported workbook"
    ),
    md.NOT_WORKBOOK: gettext_lazy(
        "the file is not an XLSX workbook that can be read; save it as .xlsx and upload it again"
    ),
    md.NOT_JSON: gettext_lazy(
        "the file is not a JSON document in the documented shape (see docs/statistik.md)"
    ),
    md.NOT_A_LIST: gettext_lazy("must be a list"),
}


def rule_text(problem: md.Problem) -> str:
    return str(RULES[problem.rule]) % {
        "value": problem.value,
        "allowed": ", ".join(problem.allowed),
    }


def describe(problem: md.Problem) -> str:
    """One problem as a sentence: 'Sheet MS-Var, row 7, column 'Definisi': required: …'."""
    params = {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "path": problem.path,
        "rule": rule_text(problem),
    }
    if problem.path:
        if problem.column:
            return _("%(path)s, field '%(column)s': %(rule)s") % params
        return _("%(path)s: %(rule)s") % params
    if problem.sheet and problem.row and problem.column:
        return _("Sheet %(sheet)s, row %(row)s, column '%(column)s': %(rule)s") % params
    if problem.sheet and problem.column:
        return _("Sheet %(sheet)s, column '%(column)s': %(rule)s") % params
    if problem.sheet:
        return _("Sheet %(sheet)s: %(rule)s") % params
    return capfirst(params["rule"])
