"""A produsen makes a map of two layers in a real browser; the map's page draws both with
their legends, their order can be changed, the map downloads as a PNG, and its embed draws in
a frame of another page."""

import pytest

from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.geo.models import LayerStyle
from satudata.apps.portal.tests.helpers import people
from satudata.engines.geo.tests.conftest import KECAMATAN, KELURAHAN
from satudata.platform.testing.factories import (
    PASSWORD,
    make_dataset,
    make_layer_version,
    publish,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_saved_map_is_made_drawn_reordered_exported_and_embedded(browser, live_server, tmp_path):
    do_load_base_layers()
    crew = people()
    user = crew["produsen"]
    kelurahan = make_dataset(crew["org"], published=False, title="Batas Kelurahan")
    publish(kelurahan, make_layer_version(kelurahan, KELURAHAN))
    kecamatan = make_dataset(crew["org"], published=False, title="Batas Kecamatan")
    publish(kecamatan, make_layer_version(kecamatan, KECAMATAN))
    LayerStyle.objects.create(dataset=kecamatan, kind="categorised", attribute="nama")
    context = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 1000}, accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/akun/masuk/?next=/kerja/peta/baru/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/kerja/peta/baru/")
    page.fill("#id_title", "Peta Wilayah Kota")
    page.get_by_label("Layer 1", exact=True).select_option(kecamatan.slug)
    page.get_by_label("Opacity (%) of layer 1").fill("70")
    page.get_by_label("Layer 2", exact=True).select_option(kelurahan.slug)
    page.get_by_role("button", name="Save the map").click()
    page.wait_for_selector("#peta[data-ready=true]", timeout=30_000)
    layers = page.locator(".map-layers > li")
    assert layers.count() == 2
    assert layers.nth(0).get_attribute("data-layer") == kecamatan.slug
    assert page.locator(".map-layers .map-legend li").count() >= 12
    page.get_by_role("button", name=f"Move down: {kecamatan.title}").click()
    assert layers.nth(0).get_attribute("data-layer") == kelurahan.slug
    top = page.evaluate(
        "() => { const s = document.querySelector('#peta').satudataMap.getStyle().layers;"
        " return s[s.length - 1].id; }"
    )
    assert top.startswith(kelurahan.slug + ":")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download as PNG").click()
    saved = tmp_path / "peta.png"
    caught.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 5_000
    embed_url = page.locator("#share-url").input_value() + "sematkan/"
    frame_page = context.new_page()
    frame_page.set_content(f'<iframe src="{embed_url}" width="800" height="500"></iframe>')
    frame = frame_page.frame_locator("iframe")
    frame.locator("#peta[data-ready=true]").wait_for(timeout=30_000)
    assert frame.locator(".map-layers > li").count() == 2
    context.close()
