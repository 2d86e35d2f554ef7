"""A visitor opens a layer's dataset page in a real browser: the map draws the layer's vector
tiles over the base boundaries (nothing fetched from elsewhere), a click on a kelurahan shows
its attributes, the saved style paints the classes with their legend, the search box zooms to
a kelurahan, and the controls hide the layer."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.geo.models import LayerStyle
from satudata.engines.geo.tests.conftest import KELURAHAN
from satudata.platform.testing.factories import make_dataset, make_layer_version, make_org, publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_layer_map_draws_tiles_and_shows_a_feature(browser, live_server):
    do_load_base_layers()
    org = make_org("opd", name="Bappeda")
    dataset = make_dataset(org, published=False, title="Batas Kelurahan")
    publish(dataset, make_layer_version(dataset, KELURAHAN))
    LayerStyle.objects.create(dataset=dataset, kind="graduated", attribute="lat", classes=3)
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    asked: list[tuple[str, int]] = []
    page.on("response", lambda r: asked.append((r.url, r.status)))
    page.goto(f"{live_server.url}/dataset/{dataset.slug}/")
    page.wait_for_selector("[data-ready=true]", timeout=30_000)
    hosts = {url.split("/")[2] for url, _status in asked if url.startswith("http")}
    assert hosts == {live_server.url.split("/")[2]}
    tiles = [(u, s) for u, s in asked if f"/peta/{dataset.slug}/1/" in u]
    assert tiles and all(s in (200, 204) for _u, s in tiles)
    assert any("/ogc/collections/kecamatan/tiles/" in u for u, _s in asked)
    page.locator(".map").scroll_into_view_if_needed()
    box = page.locator(".map canvas").bounding_box()
    assert box is not None
    popup = page.locator(".maplibregl-popup-content")
    for _attempt in range(6):  # a click before the tiles are drawn opens nothing: click again
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            popup.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    popup.wait_for(timeout=1_000)
    assert "36.71." in popup.inner_text()
    assert page.locator(".map-legend li").count() == 3
    paint = page.evaluate(
        f"() => document.querySelector('.map').satudataMap"
        f".getPaintProperty('{dataset.slug}:isi', 'fill-color')[0]"
    )
    assert paint == "case"
    zoom = "() => document.querySelector('.map').satudataMap.getZoom()"
    before = page.evaluate(zoom)
    page.get_by_label("Find a place or a feature").fill("Karawaci Baru")
    page.get_by_role("button", name="Find", exact=True).click()
    page.get_by_role("button", name="Karawaci Baru").first.click()
    page.wait_for_function(f"() => ({zoom})() > {before} + 1", timeout=10_000)
    page.get_by_label("Show").first.uncheck()
    visibility = page.evaluate(
        "() => document.querySelector('.map-panel input[type=checkbox]').checked"
    )
    assert visibility is False
    context.close()
