"""The node status page and JSON: layers and how complete their SNI 8843-1 metadata is, the
services, the last update; a restricted layer never shows to those who may not see it."""

import pytest
from django.test import Client

from satudata.apps.geo.models import LayerMetadata
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import KECAMATAN
from satudata.platform.testing.factories import make_dataset, make_layer_version, publish

pytestmark = pytest.mark.django_db


def layer(org, access_level="terbuka", **extra):
    dataset = make_dataset(org, access_level=access_level, published=False, **extra)
    return publish(dataset, make_layer_version(dataset, KECAMATAN))


def test_the_node_lists_layers_with_what_their_metadata_lacks():
    crew = people()
    complete = layer(
        crew["org"],
        title="Batas Kecamatan Lengkap",
        description="Tiga belas kecamatan.",
        pengelola_email="gis@tangerangkota.go.id",
    )
    complete.tags.create(name="batas wilayah")
    LayerMetadata.objects.create(
        dataset=complete,
        topic_category="boundaries",
        lineage="Kepmendagri.",
        scale_denominator=25000,
    )
    bare = layer(crew["org"], title="Batas Kecamatan Polos")
    layer(crew["org"], "tertutup", title="Batas Tertutup")
    make_dataset(crew["org"], title="Tabel Posyandu")
    found = Client().get("/simpul.json").json()
    assert found["layers"]["published"] == 2 and found["layers"]["metadata_complete"] == 1
    assert found["tables"] == 1
    by_id = {item["id"]: item for item in found["layers"]["items"]}
    assert by_id[complete.slug]["missing"] == [] and by_id[complete.slug]["files_ok"]
    assert set(by_id[bare.slug]["missing"]) >= {"abstract", "topic_category", "lineage", "contact"}
    assert {s["id"]: s["up"] for s in found["services"]}["csw"] is True
    assert found["last_update"] is not None
    page = signed_in(crew["partner"]).get("/simpul/").content.decode()
    assert "Batas Kecamatan Polos" in page and "Batas Tertutup" not in page
    assert "lineage" in page
    assert "Batas Tertutup" in signed_in(crew["produsen"]).get("/simpul/").content.decode()
