from datetime import date

import pytest

from satudata.apps.monitoring import actions
from satudata.apps.monitoring.dashboard import Period, figures, ranked
from satudata.apps.monitoring.models import DaftarData, PlannedElement
from satudata.apps.monitoring.releases import do_rebuild_releases
from satudata.apps.monitoring.tests.helpers import day, step
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform import access
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def crew():
    crew = people()
    health = crew["org"]
    monthly = make_dataset(health, frekuensi="bulanan", title="Kunjungan")
    step(monthly, "submit", day(2024, 12, 28))
    step(monthly, "publish", day(2024, 12, 30), "diterbitkan")
    step(monthly, "submit", day(2025, 1, 20))
    step(monthly, "return", day(2025, 1, 21), "dikembalikan")
    step(monthly, "submit", day(2025, 1, 27))
    step(monthly, "publish", day(2025, 1, 28), "diterbitkan")
    step(monthly, "submit", day(2025, 6, 1))
    step(monthly, "publish", day(2025, 6, 2), "diterbitkan")
    closed = make_dataset(health, access_level="tertutup", frekuensi="tahunan")
    step(closed, "submit", day(2025, 3, 1))
    step(closed, "publish", day(2025, 3, 2), "diterbitkan")
    do_rebuild_releases([monthly, closed])
    daftar = DaftarData.objects.create(organisation=health, year=2025)
    for name in ("Kunjungan puskesmas", "Imunisasi", "Gizi balita"):
        PlannedElement.objects.create(daftar=daftar, name=name, due_date=date(2025, 6, 30))
    actions.do_refresh_quality(today=date(2025, 12, 31))
    crew["monthly"] = monthly
    return crew


def row(board, organisation):
    return next(r for r in board.rows if r.organisation == organisation)


def test_figures_per_opd_for_a_period(crew):
    board = figures(access.viewer_for(crew["walidata"]), YEAR)
    health = row(board, crew["org"])
    assert (health.planned, health.submitted, health.published) == (3, 2, 2)
    assert health.releases == 3
    assert (health.timed, health.on_time_count, health.on_time) == (2, 1, 50)
    assert health.returned == 1
    assert health.mean_fix_days == 6.0
    assert health.trend[0] == 1 and health.trend[2] == 1 and health.trend[5] == 1
    assert len(board.months) == 12
    assert health.quality is not None
    assert row(board, crew["other_org"]).published == 0
    assert board.totals.releases == 3
    assert health.rank == 1


def test_counts_only_what_the_viewer_may_see(crew):
    board = figures(access.viewer_for(crew["pembina"]), YEAR)
    health = row(board, crew["org"])
    assert health.releases == 2
    assert health.submitted == 1


def test_ranking_sorts(crew):
    board = figures(access.viewer_for(crew["walidata"]), YEAR)
    assert ranked(board.rows, "-published")[0].organisation == crew["other_org"]
    assert ranked(board.rows, "published")[0].organisation == crew["org"]


def test_dashboard_page_and_reports(crew):
    client = signed_in(crew["walidata"])
    page = client.get("/kerja/pantau/kinerja/?start=2025-01-01&end=2025-12-31")
    assert page.status_code == 200
    assert "Dinas Kesehatan" in page.content.decode()
    assert "50%" in page.content.decode()
    xlsx = client.get("/kerja/pantau/kinerja.xlsx?start=2025-01-01&end=2025-12-31")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "pemantauan-opd-20250101-20251231.xlsx" in xlsx["Content-Disposition"]
    pdf = client.get("/kerja/pantau/kinerja.pdf?start=2025-01-01&end=2025-12-31")
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/kerja/pantau/kinerja.csv").status_code == 404


def test_the_xlsx_report_holds_the_figures(crew):
    import io

    import openpyxl

    client = signed_in(crew["walidata"])
    body = client.get("/kerja/pantau/kinerja.xlsx?start=2025-01-01&end=2025-12-31").content
    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = book.worksheets[0]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5)]
    health = next(r for r in rows if r[1] == "Dinas Kesehatan")
    assert health[2:9] == [2, 3, 2, 2, 50, 1, 6.0]
    assert book.worksheets[1].max_column == 13


def test_a_bad_period_is_refused_with_a_message(crew):
    page = signed_in(crew["walidata"]).get("/kerja/pantau/kinerja/?start=2025-12-01&end=2025-01-01")
    assert page.status_code == 200
    assert "The period must start before it ends." in page.content.decode()


@pytest.mark.parametrize("who", ["produsen", "stranger", "partner"])
def test_only_walidata_and_pembina_see_the_dashboard(crew, who):
    client = signed_in(crew[who])
    assert client.get("/kerja/pantau/kinerja/").status_code == 404
    assert client.get("/kerja/pantau/kinerja.xlsx").status_code == 404
    assert signed_in(crew["pembina"]).get("/kerja/pantau/kinerja/").status_code == 200


def test_an_opd_sees_its_own_page_only(crew):
    own = signed_in(crew["produsen"]).get(f"/kerja/pantau/opd/{crew['org'].slug}/")
    assert own.status_code == 200
    assert "Kunjungan" in own.content.decode()
    other = signed_in(crew["stranger"]).get(f"/kerja/pantau/opd/{crew['org'].slug}/")
    assert other.status_code == 404


def test_quality_page_shows_the_breakdown(crew):
    client = signed_in(crew["produsen"])
    page = client.get(f"/kerja/pantau/mutu/{crew['monthly'].slug}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Metadata complete" in text
    assert "required metadata fields filled" in text
    assert (
        signed_in(crew["stranger"]).get(f"/kerja/pantau/mutu/{crew['monthly'].slug}/").status_code
        == 404
    )
