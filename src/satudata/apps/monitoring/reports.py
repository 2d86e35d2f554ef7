"""The dashboard as a report for the Forum Satu Data meeting: an XLSX workbook (figures per OPD
and the monthly trend) and a PDF of the same table, for the chosen period."""

import io
from datetime import date

import xlsxwriter
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from satudata.apps.monitoring.dashboard import Dashboard, OrgFigures

FORMATS = ("xlsx", "pdf")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def trend_chart(board: Dashboard, series: list[int] | None = None) -> dict:
    labels = [m.strftime("%Y-%m") for m in board.months]
    values = series if series is not None else board.totals.trend
    return {
        "type": "bar",
        "labels": labels,
        "values": values,
        "points": list(zip(labels, values, strict=True)),
        "x": _("Month"),
        "y": _("Publications"),
    }


def _columns() -> list[str]:
    return [
        _("Rank"),
        _("Organisation"),
        _("Datasets"),
        _("Planned"),
        _("Submitted"),
        _("Published"),
        _("On time (%)"),
        _("Returned"),
        _("Mean days to fix"),
        _("Quality score"),
    ]


def _values(row: OrgFigures, name: str) -> list:
    return [
        row.rank or "",
        name,
        row.datasets,
        row.planned,
        row.submitted,
        row.published,
        "" if row.on_time is None else row.on_time,
        row.returned,
        "" if row.mean_fix_days is None else row.mean_fix_days,
        "" if row.quality is None else row.quality,
    ]


def _title(board: Dashboard) -> str:
    return _("Monitoring of the OPDs, %(start)s to %(end)s") % {
        "start": board.period.start.isoformat(),
        "end": board.period.end.isoformat(),
    }


def xlsx(board: Dashboard) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("OPD")[:31])
    sheet.write(0, 0, _title(board), bold)
    sheet.write(1, 0, _("Made on %(date)s by %(site)s") % _made())
    sheet.write_row(3, 0, _columns(), bold)
    rows = sorted(board.rows, key=lambda r: r.rank)
    for i, row in enumerate(rows, start=4):
        sheet.write_row(i, 0, _values(row, row.organisation.name))
    total = _values(board.totals, _("All organisations"))
    total[0] = ""
    sheet.write_row(4 + len(rows), 0, total, bold)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 9, 14)
    trend = book.add_worksheet(_("Trend by month")[:31])
    trend.write_row(0, 0, [_("Organisation"), *[m.strftime("%Y-%m") for m in board.months]], bold)
    for i, row in enumerate(rows, start=1):
        trend.write_row(i, 0, [row.organisation.name, *row.trend])
    trend.write_row(len(rows) + 1, 0, [_("All organisations"), *board.totals.trend], bold)
    trend.set_column(0, 0, 48)
    book.close()
    return buffer.getvalue()


def _made() -> dict[str, str]:
    return {"date": timezone.localdate().isoformat(), "site": settings.SITE_NAME}


def _latin(text: object) -> str:
    """The PDF's core font speaks Latin-1: typographic quotes and dashes become plain ones."""
    plain = str(text).translate({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'", 0x2013: "-"})
    return plain.encode("latin-1", "replace").decode("latin-1")


WIDTHS = (10, 92, 18, 18, 20, 20, 20, 18, 24, 22)


def pdf(board: Dashboard) -> bytes:
    document = FPDF(orientation="L", format="A4")
    document.set_title(_latin(_title(board)))
    document.add_page()
    document.set_font("Helvetica", "B", 13)
    document.cell(0, 8, _latin(_title(board)), new_x="LMARGIN", new_y="NEXT")
    document.set_font("Helvetica", "", 9)
    document.cell(
        0, 6, _latin(_("Made on %(date)s by %(site)s") % _made()), new_x="LMARGIN", new_y="NEXT"
    )
    document.ln(2)
    document.set_font("Helvetica", "B", 8)
    for width, label in zip(WIDTHS, _columns(), strict=True):
        document.cell(width, 7, _latin(label), border=1)
    document.ln()
    document.set_font("Helvetica", "", 8)
    for row in sorted(board.rows, key=lambda r: r.rank):
        _pdf_row(document, _values(row, row.organisation.name))
    document.set_font("Helvetica", "B", 8)
    total = _values(board.totals, _("All organisations"))
    total[0] = ""
    _pdf_row(document, total)
    return bytes(document.output())


def _pdf_row(document: FPDF, values: list) -> None:
    for i, (width, value) in enumerate(zip(WIDTHS, values, strict=True)):
        text = _latin(value)
        if i == 1 and document.get_string_width(text) > width - 2:
            while text and document.get_string_width(text + "...") > width - 2:
                text = text[:-1]
            text += "..."
        document.cell(width, 6, text, border=1, align="L" if i == 1 else "R")
    document.ln()


def response(board: Dashboard, fmt: str) -> HttpResponse:
    body = xlsx(board) if fmt == "xlsx" else pdf(board)
    name = report_name(board.period.start, board.period.end, fmt)
    reply = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{name}"'
    return reply


def report_name(start: date, end: date, fmt: str) -> str:
    return f"pemantauan-opd-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
