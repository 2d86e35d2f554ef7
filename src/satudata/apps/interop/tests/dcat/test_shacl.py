"""The catalogue and a dataset's description, in every serialisation, parsed back and validated
against the official DCAT-AP 3.0.1 shapes and range checks: no violations."""

import pytest
from django.conf import settings
from django.test import Client
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

from satudata.apps.interop.dcat.vocab import DCAT
from satudata.apps.interop.tests.dcat.shacl import parse, shapes, violations
from satudata.apps.interop.tests.dcat.world import build
from satudata.platform.testing.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = "https://data.tangerangkota.example"


def walidata_client(world) -> Client:
    client = Client()
    client.force_login(make_user(world.walidata, "walidata"), backend=MODEL_BACKEND)
    return client


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_catalog_of_every_access_level_has_no_violations(fmt):
    world = build()
    response = walidata_client(world).get(f"/catalog.{fmt}")
    assert response.status_code == 200
    graph = parse(response.content, fmt)
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 4
    assert violations(graph) == []


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_one_dataset_has_no_violations(fmt):
    world = build()
    response = Client().get(f"/dataset/{world.full.slug}/dcat.{fmt}")
    assert violations(parse(response.content, fmt)) == []


def test_catalog_without_a_walidata_organisation_still_conforms():
    world = build()
    world.walidata.kind = "opd"
    world.walidata.save()
    graph = parse(Client().get("/catalog.ttl").content, "ttl")
    catalog = URIRef("https://data.tangerangkota.example/#catalog")
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert publisher == URIRef("https://data.tangerangkota.example/#publisher")
    assert str(graph.value(publisher, FOAF.name)) == settings.SITE_NAME
    assert violations(graph) == []


def test_the_shapes_do_find_violations():
    """The validation can fail: a dataset without a title and a distribution without an
    access URL are reported."""
    shapes()
    graph = Graph()
    dataset = URIRef("https://example.org/d")
    distribution = URIRef("https://example.org/d#csv")
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    found = violations(graph)
    assert any("title" in item for item in found)
    assert any("accessURL" in item for item in found)
