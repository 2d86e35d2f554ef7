"""Terbatas, tertutup and unpublished datasets never reach the catalogue of someone who may not
see them: not in the datasets, not in the counts or the paging, not by their own URLs."""

import pytest
from django.test import Client

from satudata.apps.accounts.tokens import create_token
from satudata.apps.interop.dcat.vocab import HYDRA
from satudata.apps.interop.tests.dcat.shacl import parse
from satudata.apps.interop.tests.dcat.world import MARK, build
from satudata.platform.models import AuditEntry

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
QUERIES = [
    "",
    "?per_page=1",
    "?page=2&per_page=1",
    "?per_page=1000",
    "?modified_since=2000-01-01",
    "?modified_since=2000-01-01T00:00:00%2B07:00&per_page=1",
]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
@pytest.mark.parametrize("query", QUERIES)
def test_anonymous_catalogue_shows_and_counts_only_open_published_data(fmt, query):
    world = build()
    response = Client().get(f"/catalog.{fmt}{query}")
    assert response.status_code == 200
    text = response.content.decode()
    for marker in MARK.values():
        assert marker not in text
    for hidden in (world.restricted, world.closed, world.draft):
        assert hidden.slug not in text
    graph = parse(response.content, fmt)
    totals = {int(o) for o in graph.objects(None, HYDRA.totalItems)}
    assert totals == {2}


def test_anonymous_paging_ends_where_the_open_datasets_end():
    build()
    client = Client()
    assert client.get("/catalog.ttl?page=2&per_page=1").status_code == 200
    assert client.get("/catalog.ttl?page=3&per_page=1").status_code == 404


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_hidden_datasets_answer_404_to_anonymous(fmt):
    world = build()
    client = Client()
    for hidden in (world.restricted, world.closed, world.draft):
        response = client.get(f"/dataset/{hidden.slug}/dcat.{fmt}")
        assert response.status_code == 404
        for marker in MARK.values():
            assert marker not in response.content.decode()


def test_government_user_of_another_opd_sees_terbatas_but_not_tertutup():
    world = build()
    client = signed_in(world.gov_user)
    text = client.get("/catalog.ttl").content.decode()
    assert MARK["terbatas"] in text
    assert MARK["tertutup"] not in text
    assert MARK["draft"] not in text
    assert client.get(f"/dataset/{world.restricted.slug}/dcat.ttl").status_code == 200
    assert client.get(f"/dataset/{world.closed.slug}/dcat.ttl").status_code == 404


def test_owner_sees_own_tertutup_and_its_read_is_audited():
    world = build()
    client = signed_in(world.produsen)
    assert MARK["tertutup"] in client.get("/catalog.ttl").content.decode()
    before = AuditEntry.objects.filter(action="dataset.read").count()
    assert client.get(f"/dataset/{world.closed.slug}/dcat.ttl").status_code == 200
    assert AuditEntry.objects.filter(action="dataset.read").count() == before + 1
    assert client.get(f"/dataset/{world.draft.slug}/dcat.ttl").status_code == 404


def test_etag_differs_between_viewers_with_different_views():
    world = build()
    anonymous = Client().get("/catalog.ttl")
    government = signed_in(world.gov_user).get(
        "/catalog.ttl", headers={"if-none-match": anonymous["ETag"]}
    )
    assert government.status_code == 200
    assert MARK["terbatas"] in government.content.decode()


def test_harvester_with_a_token_sees_what_its_user_may_see():
    world = build()
    _token, raw = create_token(world.gov_user, "harvester")
    client = Client(headers={"authorization": f"Bearer {raw}"})
    assert MARK["terbatas"] in client.get("/catalog.ttl").content.decode()
    assert client.get(f"/dataset/{world.restricted.slug}/dcat.rdf").status_code == 200
    assert client.get(f"/dataset/{world.restricted.slug}/datapackage.json").status_code == 200
    assert client.get(f"/dataset/{world.closed.slug}/dcat.rdf").status_code == 404


@pytest.mark.parametrize(
    "path", ["/catalog.ttl", "/dataset/{slug}/dcat.jsonld", "/dataset/{slug}/datapackage.zip"]
)
def test_an_invalid_token_is_refused_not_treated_as_anonymous(path):
    world = build()
    client = Client(headers={"authorization": "Bearer sd_tidak-berlaku"})
    response = client.get(path.format(slug=world.full.slug))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
