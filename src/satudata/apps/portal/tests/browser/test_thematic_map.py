"""A visitor groups a table by kode wilayah in the explorer of a real browser, picks the map,
and gets a choropleth of the kelurahan with its legend; a click on a kelurahan shows its
value, and the classification can be changed."""

import json
import re

import pytest

from satudata.apps.geo.actions import do_load_base_layers
from satudata.engines.geo.tests.conftest import KELURAHAN
from satudata.platform.testing.factories import make_dataset, make_org, make_version, publish

# A click only opens a popup once the features under the centre are drawn (slow on a busy CI).
CENTRE_DRAWN = """(selector) => {
  const map = document.querySelector(selector).satudataMap;
  if (!map || !map.loaded()) return false;
  const canvas = map.getCanvas();
  return map.queryRenderedFeatures([canvas.clientWidth / 2, canvas.clientHeight / 2]).length > 0;
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_explorer_maps_a_kelurahan_grouping(browser, live_server):
    do_load_base_layers()
    codes = sorted(f["properties"]["kode"] for f in json.loads(KELURAHAN.read_text())["features"])
    dataset = make_dataset(make_org("opd", name="Dinas Sosial"), published=False)
    version = make_version(
        dataset, columns={"kode_wilayah": codes, "jumlah": [100 + k for k in range(len(codes))]}
    )
    publish(dataset, version)
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(
        f"{live_server.url}/dataset/{dataset.slug}/versi/1/jelajah/"
        "?group=kode_wilayah&agg=sum:jumlah"
    )
    page.get_by_role("link", name="map", exact=True).click()
    page.wait_for_selector("#map-tematik[data-ready=true]", timeout=30_000)
    assert page.locator("#explorer-result .map-legend li").count() == 5
    page.locator("#map-tematik").scroll_into_view_if_needed()
    box = page.locator("#map-tematik canvas").bounding_box()
    assert box is not None
    page.wait_for_function(CENTRE_DRAWN, arg="#map-tematik", timeout=30_000)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".maplibregl-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "36.71." in text
    values = [int(v) for v in re.findall(r"\b\d{3}\b", text)]
    assert any(100 <= v < 100 + len(codes) for v in values)  # the kelurahan's own sum
    page.get_by_label("Classes").fill("3")
    page.get_by_role("button", name="Draw").click()
    page.wait_for_selector("#map-tematik[data-ready=true]", timeout=30_000)
    assert page.locator("#explorer-result .map-legend li").count() == 3
    assert "classes=3" in page.url
    context.close()
