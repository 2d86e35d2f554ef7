"""A visitor finds a number in a real browser: searches with a typo, opens the dataset, sees its
chart, explores the data with a filter and a grouping, and shares the explorer's address."""

import pytest

from satudata.apps.catalog.models import Topic, Transition
from satudata.apps.search.actions import do_index_dataset
from satudata.platform.testing.factories import make_dataset, make_org, make_version

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KECAMATAN = ["Tangerang", "Batuceper", "Ciledug", "Cipondoh", "Karawaci", "Periuk"]


def published_balita_dataset():
    org = make_org("opd", name="Dinas Kesehatan")
    topic = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    dataset = make_dataset(
        org, published=False, title="Jumlah Balita Ditimbang per Kecamatan", topic=topic
    )
    columns = {
        "kode_wilayah": [f"36.71.{n:02}" for n in range(1, 7)],
        "kecamatan": KECAMATAN,
        "jumlah_balita": [120, 98, 143, 87, 160, 75],
    }
    fields = [
        {"name": "kode_wilayah", "title": "Kode wilayah", "type": "string", "role": "kode_wilayah"},
        {"name": "kecamatan", "title": "Kecamatan", "type": "string"},
        {"name": "jumlah_balita", "title": "Jumlah balita", "type": "integer"},
    ]
    version = make_version(dataset, columns=columns, fields=fields)
    Transition.objects.create(
        dataset=dataset, kind=Transition.Kind.PUBLISH, to_state="diterbitkan", version=version
    )
    dataset.published_version = version
    dataset.state = "diterbitkan"
    dataset.save()
    make_dataset(org, title="Jumlah Sekolah Dasar per Kelurahan")
    for each in dataset.organisation.datasets.all():
        do_index_dataset(each)
    return dataset


def test_a_visitor_finds_charts_and_explores_a_number(browser, live_server):
    dataset = published_balita_dataset()
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.fill("#home-q", "balta ditimbang")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/dataset/?q=*")
    results = page.locator("main .dataset-card h3 a")
    assert results.all_inner_texts() == [dataset.title]

    results.first.click()
    page.wait_for_url(f"**/dataset/{dataset.slug}/")
    page.wait_for_selector(".auto-chart .chart-canvas svg")
    assert "Jumlah balita by Kode wilayah" in page.inner_text(".auto-chart h2")

    page.click("text=Explore the data")
    page.wait_for_url(f"**/dataset/{dataset.slug}/versi/1/jelajah/")
    page.select_option("#fc-1", "jumlah_balita")
    page.select_option("#fo-1", "gt")
    page.fill("#fv-1", "100")
    page.select_option("#explorer-sort", "-jumlah_balita")
    page.click(".explorer-form button[type=submit]")
    page.wait_for_selector("#explorer-result-title:has-text('3 rows')")
    assert "jumlah_balita" in page.url
    cells = page.locator(".explorer-table tbody tr td:nth-child(2)")
    assert cells.all_inner_texts() == ["Karawaci", "Ciledug", "Tangerang"]

    shared = page.url
    other = context.new_page()
    other.goto(shared)
    again = other.locator(".explorer-table tbody tr td:nth-child(2)")
    assert again.all_inner_texts() == ["Karawaci", "Ciledug", "Tangerang"]

    page.select_option("#explorer-group", "kecamatan")
    page.select_option("#explorer-agg", "sum:jumlah_balita")
    page.click(".explorer-form button[type=submit]")
    page.wait_for_selector("#explorer-result-title:has-text('3 groups')")
    page.wait_for_selector(".explorer-result .chart-canvas svg")
    assert "kecamatan" in page.url
    context.close()
