"""CSW 2.0.2 at /csw: capabilities, records with CQL and OGC Filter constraints, records by id
in Dublin Core and ISO 19139, the access rules (a terbatas or tertutup record reaches only those
who may see it, and a tertutup one read is audited) and clear exception reports."""

import pytest
from django.test import Client
from lxml import etree

from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import KECAMATAN
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_layer_version, publish

pytestmark = pytest.mark.django_db
NS = {
    "csw": "http://www.opengis.net/cat/csw/2.0.2",
    "dc": "http://purl.org/dc/elements/1.1/",
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gco": "http://www.isotc211.org/2005/gco",
    "ows": "http://www.opengis.net/ows",
}


@pytest.fixture
def crew():
    return people()


@pytest.fixture
def catalogue(crew):
    layer = make_dataset(
        crew["org"],
        published=False,
        title="Batas Kecamatan Dinkes",
        description="Tiga belas kecamatan.",
    )
    publish(layer, make_layer_version(layer, KECAMATAN))
    return {
        "layer": layer,
        "table": make_dataset(crew["org"], title="Jumlah Posyandu Aktif"),
        "terbatas": make_dataset(crew["org"], access_level="terbatas", title="Posyandu Terbatas"),
        "tertutup": make_dataset(crew["org"], access_level="tertutup", title="Posyandu Tertutup"),
    }


def xml(response) -> etree._Element:
    return etree.fromstring(response.content)


def titles(root: etree._Element) -> list[str]:
    return root.xpath("//dc:title/text()", namespaces=NS)


def get_records(client: Client, **params: str) -> etree._Element:
    query = {"service": "CSW", "version": "2.0.2", "request": "GetRecords", **params}
    response = client.get("/csw", query)
    assert response.status_code == 200, response.content
    return xml(response)


def test_capabilities_name_the_operations_and_the_filters(catalogue):
    root = xml(Client().get("/csw?service=CSW&request=GetCapabilities"))
    operations = root.xpath("//ows:Operation/@name", namespaces=NS)
    assert set(operations) == {"GetCapabilities", "DescribeRecord", "GetRecords", "GetRecordById"}
    assert root.xpath("//ows:ServiceTypeVersion/text()", namespaces=NS) == ["2.0.2"]
    assert "apiso:BoundingBox" in root.xpath("//ows:Constraint/ows:Value/text()", namespaces=NS)


def test_cql_constraints_find_records_and_the_public_sees_only_terbuka(catalogue):
    everything = get_records(Client(), elementSetName="full")
    assert sorted(titles(everything)) == ["Batas Kecamatan Dinkes", "Jumlah Posyandu Aktif"]
    found = get_records(
        Client(), constraintLanguage="CQL_TEXT", constraint="csw:AnyText LIKE '%posyandu%'"
    )
    assert titles(found) == ["Jumlah Posyandu Aktif"]
    boxed = get_records(Client(), constraint="BBOX(ows:BoundingBox, 106.60, -6.20, 106.62, -6.18)")
    assert titles(boxed) == ["Batas Kecamatan Dinkes"]
    results = boxed.find("csw:SearchResults", NS)
    assert results.get("numberOfRecordsMatched") == "1" and results.get("nextRecord") == "0"


def test_paging_and_hits(catalogue):
    first = get_records(Client(), maxRecords="1", elementSetName="brief")
    results = first.find("csw:SearchResults", NS)
    assert results.get("numberOfRecordsReturned") == "1" and results.get("nextRecord") == "2"
    second = get_records(Client(), maxRecords="1", startPosition="2")
    assert titles(second) != titles(first)
    hits = get_records(Client(), resultType="hits").find("csw:SearchResults", NS)
    assert hits.get("numberOfRecordsMatched") == "2" and len(hits) == 0


def test_a_record_by_id_in_iso_19139(catalogue):
    layer = catalogue["layer"]
    response = Client().get(
        "/csw",
        {
            "service": "CSW",
            "request": "GetRecordById",
            "id": layer.slug,
            "outputSchema": "http://www.isotc211.org/2005/gmd",
        },
    )
    root = xml(response)
    ident = "//gmd:MD_Metadata/gmd:fileIdentifier/gco:CharacterString/text()"
    assert root.xpath(ident, namespaces=NS) == [layer.slug]
    west = root.xpath("//gmd:westBoundLongitude/gco:Decimal/text()", namespaces=NS)
    assert 106.5 < float(west[0]) < 106.7


def test_restricted_records_reach_only_those_who_may_see_them_and_tertutup_is_audited(
    crew, catalogue
):
    hidden = catalogue["tertutup"].slug
    by_id = {"service": "CSW", "request": "GetRecordById", "id": hidden}
    assert titles(xml(Client().get("/csw", by_id))) == []
    assert "Posyandu Terbatas" in titles(get_records(signed_in(crew["stranger"])))
    assert "Posyandu Tertutup" not in titles(get_records(signed_in(crew["stranger"])))
    before = AuditEntry.objects.filter(action="dataset.read").count()
    walidata = signed_in(crew["walidata"])
    found = get_records(walidata, constraint="dc:title = 'Posyandu Tertutup'")
    assert titles(found) == ["Posyandu Tertutup"]
    assert titles(xml(walidata.get("/csw", by_id))) == ["Posyandu Tertutup"]
    entries = AuditEntry.objects.filter(action="dataset.read").order_by("id")[before:]
    assert [e.detail["what"] for e in entries] == ["csw", "csw"]


def test_a_posted_filter_is_read(catalogue):
    body = b"""<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
      xmlns:ogc="http://www.opengis.net/ogc" service="CSW" version="2.0.2"
      resultType="results" maxRecords="10">
     <csw:Query typeNames="csw:Record"><csw:ElementSetName>full</csw:ElementSetName>
      <csw:Constraint version="1.1.0"><ogc:Filter><ogc:Or>
       <ogc:PropertyIsLike wildCard="*" singleChar="?" escapeChar="\\">
        <ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>batas*</ogc:Literal>
       </ogc:PropertyIsLike>
       <ogc:PropertyIsEqualTo><ogc:PropertyName>dc:identifier</ogc:PropertyName>
        <ogc:Literal>tidak-ada</ogc:Literal></ogc:PropertyIsEqualTo>
      </ogc:Or></ogc:Filter></csw:Constraint></csw:Query></csw:GetRecords>"""
    response = Client().post("/csw", body, content_type="application/xml")
    assert titles(xml(response)) == ["Batas Kecamatan Dinkes"]


@pytest.mark.parametrize(
    ("query", "locator", "words"),
    [
        (
            {"request": "GetRecords", "constraint": "judul LIKE 'x'"},
            "Constraint",
            "Unknown queryable judul",
        ),
        ({"request": "GetRecords", "maxRecords": "banyak"}, "maxRecords", "whole number"),
        ({"request": "GetRecords", "outputSchema": "urn:x"}, "outputSchema", "outputSchema"),
        ({"request": "Harvest"}, "request", "Harvest"),
        ({}, "request", "GetCapabilities"),
    ],
)
def test_bad_requests_answer_an_exception_report_that_names_the_parameter(query, locator, words):
    response = Client().get("/csw", {"service": "CSW", **query}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    exception = xml(response).find("ows:Exception", NS)
    assert exception.get("locator") == locator
    assert words in exception.findtext("ows:ExceptionText", namespaces=NS)
