import csv
import io
import json
from datetime import date

from satudata.apps.portal.formats import csv_response, json_response, safe_cell


def test_cells_that_would_start_a_formula_are_guarded():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("+62 21 555") == "'+62 21 555"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-1+1") == "'-1+1"
    assert safe_cell("Dinas Kesehatan") == "Dinas Kesehatan"
    assert safe_cell(-5) == -5
    assert safe_cell(None) == ""
    assert safe_cell(date(2025, 1, 31)) == "2025-01-31"
    assert safe_cell([2024, 2025]) == "2024; 2025"


def test_csv_is_utf8_with_a_header_and_an_attachment_name():
    response = csv_response(
        [{"name": "Kecamatan Cibodas", "total": 3, "note": "=1+1"}],
        ["name", "total", "note"],
        "wilayah",
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wilayah.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["name", "total", "note"], ["Kecamatan Cibodas", "3", "'=1+1"]]


def test_json_keeps_indonesian_text_readable():
    response = json_response({"nama": "Kota Tangerang — Cipondoh", "tanggal": date(2025, 5, 1)})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Kota Tangerang — Cipondoh" in response.content.decode("utf-8")
    assert json.loads(response.content)["tanggal"] == "2025-05-01"
