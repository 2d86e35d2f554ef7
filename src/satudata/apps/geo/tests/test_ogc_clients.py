"""OGC API – Features and Records read by a real client, OWSLib, against the running server."""

import pytest
from owslib.ogcapi.features import Features
from owslib.ogcapi.records import Records

from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.search.actions import do_index_dataset
from satudata.platform.testing.factories import make_dataset, make_org

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_owslib_lists_the_collections_and_reads_filtered_items(live_server):
    do_load_base_layers()
    service = Features(f"{live_server.url}/ogc/")
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
        in (service.conformance()["conformsTo"])
    )
    ids = {c["id"] for c in service.collections()["collections"]}
    assert ids == {"katalog", "kelurahan", "kecamatan"}
    assert service.collection("kecamatan")["itemType"] == "feature"
    page = service.collection_items("kelurahan", limit=3, kode_kec="36.71.05")
    assert page["numberMatched"] == 10 and len(page["features"]) == 3
    boxed = service.collection_items("kecamatan", bbox=[106.60, -6.20, 106.62, -6.18])
    assert 0 < boxed["numberMatched"] < 13
    one = service.collection_item("kecamatan", 1)
    assert one["properties"]["kode"] == "36.71.01"


def test_owslib_searches_the_catalogue_records(live_server):
    dataset = make_dataset(make_org("opd", name="Dinas Kesehatan"), title="Jumlah Posyandu Aktif")
    do_index_dataset(dataset)
    catalogue = Records(f"{live_server.url}/ogc/")
    assert catalogue.collection("katalog")["itemType"] == "record"
    found = catalogue.collection_items("katalog", q="posyandu")
    assert [f["id"] for f in found["features"]] == [dataset.slug]
    assert catalogue.collection_item("katalog", dataset.slug)["properties"]["title"] == (
        "Jumlah Posyandu Aktif"
    )
