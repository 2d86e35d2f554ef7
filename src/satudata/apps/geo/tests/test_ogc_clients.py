"""OGC API – Features and Records, and CSW 2.0.2, read by a real client, OWSLib, against the
running server."""

import json
import subprocess
import sys

import pytest
from owslib.csw import CatalogueServiceWeb
from owslib.fes import BBox, PropertyIsLike
from owslib.ogcapi.features import Features
from owslib.ogcapi.records import Records

from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.search.actions import do_index_dataset
from satudata.engines.geo.tests.conftest import KECAMATAN
from satudata.platform.testing.factories import make_dataset, make_layer_version, make_org, publish

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


def test_owslib_harvests_the_catalogue_over_csw(live_server):
    org = make_org("opd", name="Bappeda")
    table = make_dataset(org, title="Jumlah Posyandu Aktif")
    layer = make_dataset(org, published=False, title="Batas Kecamatan Bappeda")
    publish(layer, make_layer_version(layer, KECAMATAN))
    make_dataset(org, access_level="tertutup", title="Posyandu Tertutup")
    service = CatalogueServiceWeb(f"{live_server.url}/csw")
    assert service.identification.type == "CSW" and service.version == "2.0.2"
    assert "GetRecords" in [op.name for op in service.operations]
    service.getrecords2(esn="full", maxrecords=10)
    assert service.results["matches"] == 2
    assert {r.title for r in service.records.values()} == {table.title, layer.title}
    service.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%posyandu%")], esn="full")
    assert [r.identifier for r in service.records.values()] == [table.slug]
    service.getrecords2(
        constraints=[BBox([106.60, -6.20, 106.62, -6.18], crs="EPSG:4326")], esn="summary"
    )
    assert [r.identifier for r in service.records.values()] == [layer.slug]
    service.getrecordbyid(id=[layer.slug], outputschema="http://www.isotc211.org/2005/gmd")
    iso = service.records[layer.slug]
    assert iso.identification[0].title == layer.title
    assert iso.referencesystem.code == "EPSG:4326"


GDAL_READ = """
import json, sys
import pyogrio
url, layer, box = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
frame = pyogrio.read_dataframe("OAPIF:" + url, layer=layer, bbox=tuple(box) if box else None)
print(json.dumps({"kode": sorted(frame["kode"]), "epsg": frame.crs.to_epsg(),
                  "bounds": list(frame.total_bounds)}))
"""


def gdal_read(url: str, layer: str, box: list[float] | None = None) -> dict:
    """GDAL reads in a process of its own: it holds the interpreter while it waits for the
    server, which runs in this one."""
    done = subprocess.run(
        [sys.executable, "-c", GDAL_READ, url, layer, json.dumps(box)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_gdal_reads_a_collection_through_its_ogc_api_driver(live_server):
    do_load_base_layers()
    frame = gdal_read(f"{live_server.url}/ogc/", "kecamatan")
    assert len(frame["kode"]) == 13 and frame["kode"][0] == "36.71.01"
    assert frame["epsg"] == 4326
    west, _south, east, _north = frame["bounds"]
    assert 106.5 < west < east < 106.8
    boxed = gdal_read(f"{live_server.url}/ogc/", "kelurahan", [106.60, -6.20, 106.62, -6.18])
    assert 0 < len(boxed["kode"]) < 104
