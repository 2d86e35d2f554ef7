"""The filled worksheet as XLSX, laid out like BPS's Lembar Kerja Evaluasi (LKE): one row per
indicator (domain, aspect, code, indicator, level, evidence, notes), and a second sheet with the
computed aspects, domains, IPS and predikat."""

import io

import xlsxwriter
from django.utils.translation import gettext as _

from satudata.apps.epss import queries, reference
from satudata.apps.epss.models import Assessment
from satudata.apps.epss.proposals import reason


def _evidence_text(row: queries.IndicatorRow) -> str:
    return "\n".join(
        f"{e.title} ({e.file_name})" if e.is_file else f"{e.title}: {e.url}" for e in row.evidence
    )


def worksheet_xlsx(assessment: Assessment) -> bytes:
    blocks, index = queries.worksheet(assessment)
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    number = book.add_format({"num_format": "0.00", "valign": "top", "border": 1})
    bold = book.add_format({"bold": True})

    sheet = book.add_worksheet(_("LKE")[:31])
    who = str(assessment.organisation or _("City (walidata)"))
    sheet.write(
        0,
        0,
        _("EPSS %(year)s self-assessment: %(who)s")
        % {
            "year": assessment.year.year,
            "who": who,
        },
        bold,
    )
    headers = [
        _("Domain"),
        _("Aspect"),
        _("Indicator code"),
        _("Indicator"),
        _("Level"),
        _("Level name"),
        _("Proposed by the platform"),
        _("Reason of the proposal"),
        _("Evidence (bukti dukung)"),
        _("Notes"),
    ]
    sheet.write_row(2, 0, headers, head)
    line = 3
    for block in blocks:
        for aspect in block.aspects:
            for row in aspect.rows:
                score = row.score
                level = score.level if score else None
                sheet.write_row(
                    line,
                    0,
                    [
                        f"{block.domain.code} {block.domain.name}",
                        f"{aspect.aspect.code} {aspect.aspect.name}",
                        row.indicator.code,
                        row.indicator.name,
                    ],
                    wrap,
                )
                sheet.write(line, 4, level if level is not None else "", wrap)
                sheet.write(line, 5, str(reference.LEVEL_LABELS[level]) if level else "", wrap)
                proposed = score.proposed_level if score else None
                sheet.write(line, 6, proposed if proposed is not None else "", wrap)
                sheet.write(line, 7, reason(score.proposal, proposed) if score else "", wrap)
                sheet.write(line, 8, _evidence_text(row), wrap)
                sheet.write(line, 9, score.notes if score else "", wrap)
                line += 1
    for column, width in enumerate([22, 30, 10, 50, 7, 20, 10, 50, 40, 40]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(3, 0)

    summary = book.add_worksheet(_("Index")[:31])
    summary.write_row(0, 0, [_("Level"), _("Code"), _("Name"), _("Weight"), _("Value")], head)
    line = 1
    for block in blocks:
        summary.write_row(line, 0, [_("Domain"), block.domain.code, block.domain.name], bold)
        summary.write(line, 3, block.weight)
        summary.write(line, 4, block.value if block.value is not None else "", number)
        line += 1
        for aspect in block.aspects:
            summary.write_row(line, 0, [_("Aspect"), aspect.aspect.code, aspect.aspect.name])
            summary.write(line, 3, aspect.weight)
            summary.write(line, 4, aspect.value if aspect.value is not None else "", number)
            line += 1
    summary.write_row(line, 0, ["IPS", "", _("Indeks Pembangunan Statistik")], bold)
    summary.write(line, 4, index.ips if index.ips is not None else "", number)
    summary.write_row(line + 1, 0, [_("Predikat"), "", index.predikat or ""], bold)
    if not index.complete:
        summary.write(line + 2, 0, _("Not every indicator has a level: the index is provisional."))
    summary.set_column(0, 0, 12)
    summary.set_column(2, 2, 45)
    book.close()
    return output.getvalue()
