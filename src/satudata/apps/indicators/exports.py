"""An indicator's values as XLSX: a sheet of every value (period, level, kode wilayah, wilayah,
value, the city's target, unit, source) and a sheet describing the indicator."""

import io

import xlsxwriter
from django.utils.translation import gettext as _

from satudata.apps.indicators import queries
from satudata.apps.indicators.models import Indicator


def values_xlsx(indicator: Indicator) -> bytes:
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    number = book.add_format({"num_format": "0." + "0" * max(indicator.decimals, 1)})
    sheet = book.add_worksheet(_("Values")[:31])
    headers = [
        _("Period"),
        _("Level"),
        _("Kode wilayah"),
        _("Wilayah"),
        _("Value"),
        _("Target"),
        _("Unit"),
        _("Source"),
    ]
    sheet.write_row(0, 0, headers, head)
    for line, row in enumerate(queries.rows(indicator), start=1):
        cells = [row[key] for key in queries.COLUMNS]
        for column, cell in enumerate(cells):
            if cell is None:
                continue
            if isinstance(cell, float):
                sheet.write_number(line, column, cell, number)
            else:
                sheet.write_string(line, column, str(cell))
    for column, width in enumerate([12, 11, 16, 28, 14, 14, 12, 40]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    about = book.add_worksheet(_("Indicator")[:31])
    facts = [
        (_("Name"), indicator.name),
        (_("Description"), indicator.description),
        (_("Unit"), indicator.unit),
        (_("Producer"), indicator.organisation.name),
        (_("How values are obtained"), indicator.get_method_display()),
        (_("Formula"), indicator.formula),
        (_("Dataset"), indicator.dataset.title if indicator.dataset else ""),
    ]
    for line, (label, value) in enumerate(facts):
        about.write_string(line, 0, str(label), head)
        about.write_string(line, 1, str(value))
    about.set_column(0, 0, 24)
    about.set_column(1, 1, 80)
    book.close()
    return output.getvalue()
