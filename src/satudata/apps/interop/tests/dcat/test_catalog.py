import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from satudata.apps.catalog.models import Dataset
from satudata.apps.interop.dcat.vocab import DCAT, HYDRA, SPDX, VCARD
from satudata.apps.interop.tests.dcat.shacl import parse
from satudata.apps.interop.tests.dcat.world import build
from satudata.platform.testing.factories import make_dataset, make_org

pytestmark = pytest.mark.django_db

SITE = "http://testserver.example"
EU = "http://publications.europa.eu/resource/authority/"
CONTENT_TYPES = {
    "jsonld": "application/ld+json; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
}


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Satu Data Kota Tangerang"


def iri(dataset: Dataset) -> URIRef:
    return URIRef(f"{SITE}/dataset/{dataset.slug}/#dataset")


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_catalog_in_each_serialisation_describes_the_visible_datasets(fmt):
    world = build()
    response = Client().get(f"/catalog.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    graph = parse(response.content, fmt)
    catalog = URIRef(f"{SITE}/#catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert set(graph.objects(catalog, DCAT.dataset)) == {iri(world.full), iri(world.sparse)}
    assert graph.value(catalog, DCTERMS.title) == Literal("Satu Data Kota Tangerang", lang="id")
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert publisher == URIRef(f"{SITE}/organisasi/{world.walidata.slug}/")
    assert graph.value(publisher, FOAF.name) == Literal(world.walidata.name, lang="id")
    assert graph.value(catalog, FOAF.homepage) == URIRef(f"{SITE}/")
    assert graph.value(catalog, DCTERMS.language) == URIRef(EU + "language/IND")
    assert graph.value(catalog, DCTERMS.modified).datatype == XSD.dateTime
    themes = set(graph.objects(catalog, DCAT.themeTaxonomy))
    assert themes == {URIRef(EU + "data-theme"), URIRef(f"{SITE}/topik/")}


def test_full_dataset_carries_every_mapped_property():
    world = build()
    graph = parse(Client().get("/catalog.ttl").content, "ttl")
    node = iri(world.full)
    assert graph.value(node, DCTERMS.title) == Literal(world.full.title, lang="id")
    assert graph.value(node, DCTERMS.description) == Literal(world.full.description, lang="id")
    assert set(graph.objects(node, DCAT.keyword)) == {
        Literal("stunting", lang="id"),
        Literal("balita", lang="id"),
    }
    themes = set(graph.objects(node, DCAT.theme))
    assert themes == {URIRef(EU + "data-theme/HEAL"), URIRef(f"{SITE}/topik/kesehatan/")}
    assert graph.value(URIRef(f"{SITE}/topik/kesehatan/"), SKOS.prefLabel) == Literal(
        "Kesehatan", lang="id"
    )
    assert graph.value(node, DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/ANNUAL")
    assert graph.value(node, DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")
    contact = graph.value(node, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:data.dinkes@k.go.id")
    period = graph.value(node, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) == Literal(dt.date(2020, 1, 1))
    assert graph.value(period, DCAT.endDate) == Literal(dt.date(2024, 12, 31))
    place = graph.value(node, DCTERMS.spatial)
    assert (place, RDF.type, DCTERMS.Location) in graph
    assert graph.value(place, DCTERMS.identifier) == Literal("36.71")
    assert graph.value(place, SKOS.prefLabel) == Literal("Kota Tangerang", lang="id")
    assert graph.value(node, DCTERMS.issued).datatype == XSD.dateTime
    assert graph.value(node, DCAT.landingPage) == URIRef(f"{SITE}/dataset/{world.full.slug}/")
    assert graph.value(node, DCTERMS.publisher) == URIRef(f"{SITE}/organisasi/{world.opd.slug}/")
    standard = URIRef(f"{SITE}/standar/balita-stunting/v1/")
    assert graph.value(node, DCTERMS.conformsTo) == standard
    assert (standard, RDF.type, DCTERMS.Standard) in graph
    distributions = list(graph.objects(node, DCAT.distribution))
    formats = {graph.value(d, DCTERMS.format) for d in distributions}
    assert formats == {URIRef(EU + f"file-type/{t}") for t in ("CSV", "XLSX", "JSON", "PARQUET")}
    by_format = {str(graph.value(d, DCTERMS.format)).rsplit("/", 1)[1]: d for d in distributions}
    csv = by_format["CSV"]
    version = world.full.published_version
    download = URIRef(f"{SITE}/dataset/{world.full.slug}/versi/{version.number}/unduh.csv")
    assert graph.value(csv, DCAT.downloadURL) == download
    assert graph.value(csv, DCAT.accessURL) == download
    assert graph.value(csv, DCAT.mediaType) == URIRef(
        "https://www.iana.org/assignments/media-types/text/csv"
    )
    licence = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(csv, DCTERMS.license) == licence
    assert (licence, RDF.type, DCTERMS.LicenseDocument) in graph
    parquet = by_format["PARQUET"]
    assert graph.value(parquet, DCAT.byteSize).toPython() > 0
    checksum = graph.value(parquet, SPDX.checksum)
    assert str(graph.value(checksum, SPDX.checksumValue)) == version.checksum


def test_sparse_dataset_falls_back_and_omits_what_is_empty():
    world = build()
    graph = parse(Client().get("/catalog.ttl").content, "ttl")
    node = iri(world.sparse)
    assert graph.value(node, DCTERMS.description) == Literal(world.sparse.title, lang="id")
    assert graph.value(node, DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/IRREG")
    missing_properties = (
        DCAT.contactPoint,
        DCTERMS.temporal,
        DCTERMS.spatial,
        DCAT.keyword,
        DCTERMS.conformsTo,
    )
    for missing in missing_properties:
        assert graph.value(node, missing) is None


def test_access_levels_map_onto_eu_access_rights_for_government_viewers():
    world = build()
    client = Client()
    client.force_login(world.produsen, backend="django.contrib.auth.backends.ModelBackend")
    graph = parse(client.get("/catalog.ttl").content, "ttl")
    assert graph.value(iri(world.restricted), DCTERMS.accessRights) == URIRef(
        EU + "access-right/RESTRICTED"
    )
    assert graph.value(iri(world.closed), DCTERMS.accessRights) == URIRef(
        EU + "access-right/NON_PUBLIC"
    )
    assert graph.value(iri(world.draft), RDF.type) is None


def test_jsonld_has_a_compact_context():
    build()
    document = json.loads(Client().get("/catalog.jsonld").content)
    assert document["@context"]["dcat"] == str(DCAT)
    assert document["@context"]["dct"] == str(DCTERMS)
    text = json.dumps(document["@graph"])
    assert "dcat:Dataset" in text
    assert "http://www.w3.org/ns/dcat#Dataset" not in text


def paging_of(graph, fmt: str, query: str) -> dict:
    node = URIRef(f"{SITE}/catalog.{fmt}?{query}")
    assert (node, RDF.type, HYDRA.PagedCollection) in graph
    return {
        key: graph.value(node, HYDRA[key])
        for key in (
            "totalItems",
            "itemsPerPage",
            "firstPage",
            "lastPage",
            "nextPage",
            "previousPage",
        )
    }


def test_paging_follows_the_hydra_conventions():
    org = make_org("opd")
    made = [make_dataset(org, title=f"Data {n}") for n in range(5)]
    client = Client()
    graph = parse(client.get("/catalog.ttl?page=2&per_page=2").content, "ttl")
    paging = paging_of(graph, "ttl", "page=2&per_page=2")
    assert paging["totalItems"].toPython() == 5
    assert paging["itemsPerPage"].toPython() == 2
    assert paging["firstPage"] == URIRef(f"{SITE}/catalog.ttl?page=1&per_page=2")
    assert paging["lastPage"] == URIRef(f"{SITE}/catalog.ttl?page=3&per_page=2")
    assert paging["nextPage"] == URIRef(f"{SITE}/catalog.ttl?page=3&per_page=2")
    assert paging["previousPage"] == URIRef(f"{SITE}/catalog.ttl?page=1&per_page=2")
    datasets = set(graph.objects(URIRef(f"{SITE}/#catalog"), DCAT.dataset))
    assert datasets == {iri(made[2]), iri(made[3])}
    last = parse(client.get("/catalog.ttl?page=3&per_page=2").content, "ttl")
    assert paging_of(last, "ttl", "page=3&per_page=2")["nextPage"] is None
    assert client.get("/catalog.ttl?page=4&per_page=2").status_code == 404


def test_default_page_holds_a_hundred():
    build()
    graph = parse(Client().get("/catalog.ttl").content, "ttl")
    paging = paging_of(graph, "ttl", "page=1&per_page=100")
    assert paging["itemsPerPage"].toPython() == 100
    assert paging["totalItems"].toPython() == 2
    assert paging["nextPage"] is None
    assert paging["previousPage"] is None


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("per_page=1001", "per_page"),
        ("per_page=0", "per_page"),
        ("page=abc", "page"),
        ("page=²", "page"),
        ("page=" + "9" * 5000, "page"),
        ("modified_since=kemarin", "modified_since"),
        ("modified_since=2025-13-45", "modified_since"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(query, words):
    response = Client(headers={"accept-language": "en"}).get(f"/catalog.ttl?{query}")
    assert response.status_code == 400
    assert words in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_modified_since_keeps_only_recent_changes():
    org = make_org("opd")
    old = make_dataset(org, title="Lama")
    recent = make_dataset(org, title="Baru")
    long_ago = timezone.now() - dt.timedelta(days=400)
    Dataset.objects.filter(pk=old.pk).update(updated_at=long_ago, data_updated_at=long_ago)
    since = (timezone.now() - dt.timedelta(days=30)).date().isoformat()
    graph = parse(Client().get(f"/catalog.ttl?modified_since={since}").content, "ttl")
    datasets = set(graph.objects(URIRef(f"{SITE}/#catalog"), DCAT.dataset))
    assert datasets == {iri(recent)}
    node = next(iter(graph.subjects(RDF.type, HYDRA.PagedCollection)))
    assert "modified_since=" in str(node)
    assert graph.value(node, HYDRA.totalItems).toPython() == 1


def test_catalog_reads_a_fixed_number_of_queries_however_many_datasets():
    org = make_org("opd")
    for n in range(3):
        make_dataset(org, title=f"Data {n}").tags.create(name=f"tag-{n}")
    client = Client()
    with CaptureQueriesContext(connection) as few:
        assert client.get("/catalog.ttl").status_code == 200
    for n in range(3, 12):
        make_dataset(org, title=f"Data {n}").tags.create(name=f"tag-{n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/catalog.ttl").status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 8


def test_catalog_answers_304_to_a_client_with_the_current_copy():
    world = build()
    client = Client()
    first = client.get("/catalog.ttl")
    assert first["ETag"].startswith('W/"')
    assert "Last-Modified" in first
    again = client.get("/catalog.ttl", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    other_format = client.get("/catalog.rdf", headers={"if-none-match": first["ETag"]})
    assert other_format.status_code == 200
    world.full.title = "Judul baru"
    world.full.save()
    changed = client.get("/catalog.ttl", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_one_dataset_in_each_serialisation(fmt):
    world = build()
    client = Client()
    response = client.get(f"/dataset/{world.full.slug}/dcat.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    graph = parse(response.content, fmt)
    assert (iri(world.full), RDF.type, DCAT.Dataset) in graph
    assert len(list(graph.objects(iri(world.full), DCAT.distribution))) == 4
    assert (None, RDF.type, DCAT.Catalog) not in graph
    again = client.get(
        f"/dataset/{world.full.slug}/dcat.{fmt}", headers={"if-none-match": response["ETag"]}
    )
    assert again.status_code == 304
