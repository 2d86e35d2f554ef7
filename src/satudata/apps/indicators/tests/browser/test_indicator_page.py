"""A visitor opens an indicator from the list in a real browser: the time series is drawn beside
its target, the ranking and the choropleth of the kecamatan show, and choosing the kelurahan
and an earlier period redraws both; the produsen pastes values on the work page."""

import pytest

from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.indicators import actions
from satudata.apps.indicators.models import Value
from satudata.apps.indicators.tests.conftest import define, publish_year
from satudata.apps.portal.tests.helpers import people
from satudata.platform.testing.factories import PASSWORD, make_dataset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_the_series_ranking_and_map(browser, live_server):
    do_load_base_layers()
    who = people()
    dataset = make_dataset(who["org"], published=False, title="Rumah Tidak Layak Huni")
    publish_year(dataset, 2023, [10, 20, 5, 5])
    publish_year(dataset, 2024, [30, 40, 10, 20])
    indicator = define(who, dataset)
    actions.check_save_target(
        user=who["produsen"], indicator=indicator, period="2024", value=30, source="RPJMD"
    )
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(f"{live_server.url}/statistik/indikator/")
    page.get_by_role("link", name="Persentase RTLH diperbaiki").click()
    page.wait_for_selector("[data-chart=indicator-chart-data] svg", timeout=20_000)
    assert "33.33 persen" in page.locator("#latest-value").inner_text()
    assert page.locator("#ranking tbody tr").count() == 2
    page.wait_for_selector("#map-tematik[data-ready=true]", timeout=30_000)
    page.get_by_label("Level", exact=True).select_option("kelurahan")
    page.get_by_label("Period", exact=True).select_option("2023")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("#map-tematik[data-ready=true]", timeout=30_000)
    assert page.locator("#ranking tbody tr").count() == 4
    assert "periode=2023" in page.url
    context.close()


def test_the_producer_pastes_values_and_sees_the_problem_line(browser, live_server):
    who = people()
    indicator = define(who, None, name="Indeks Kepuasan", unit="indeks")
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", who["produsen"].username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/kerja/")
    page.goto(f"{live_server.url}{indicator.get_work_url()}")
    page.get_by_role("textbox", name="Values").fill("2023\t\t81,5\tSurvei\n2024\t\tdelapan\tSurvei")
    page.get_by_role("button", name="Save the values").click()
    assert "Line 2, value" in page.locator("main").inner_text()
    assert not Value.objects.exists()
    page.get_by_role("textbox", name="Values").fill("2023\t\t81,5\tSurvei\n2024\t\t82,25\tSurvei")
    page.get_by_role("button", name="Save the values").click()
    page.wait_for_selector("text=2 value(s) saved.")
    assert Value.objects.count() == 2
    context.close()
