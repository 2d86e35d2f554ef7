"""A dataset the viewer may not see answers exactly like one that does not exist, on every
dataset route, with or without a conditional request (If-None-Match, If-Modified-Since): same
status, same body, same validators. Anything else would reveal that it exists."""

import re

import pytest
from django.test import Client
from django.urls import get_resolver

from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version
from satudata.platform.tests.test_no_leaks import body, expand, routes

pytestmark = pytest.mark.django_db

DATASET_ROUTES = (
    "dataset/<slug",
    "kerja/dataset/<slug",
    "kerja/pemeriksaan/<slug",
    "api/v1/datasets/<slug>",
)
MISSING = "dataset-yang-tidak-ada"
VOLATILE = re.compile(
    r'(nonce|csrfmiddlewaretoken|csrf_token|value)="[^"]*"|"(request_id|id)": ?"[^"]*"'
)
CONDITIONS = (
    {},
    {"HTTP_IF_NONE_MATCH": "*"},
    {"HTTP_IF_MODIFIED_SINCE": "Fri, 01 Jan 2100 00:00:00 GMT"},
)


def dataset_urls(slug: str) -> list[str]:
    values = {"slug": [slug], "int": [1], "id": [1], "fmt": ["csv", "json"]}
    found = [r for r in routes(get_resolver().url_patterns) if r.startswith(DATASET_ROUTES)]
    urls = [url for route in found for url in expand(route, values)]
    return [*urls, f"/api/3/action/package_show?id={slug}"]


def answer(client: Client, url: str, slug: str, headers: dict) -> tuple:
    response = client.get(url, **headers)
    text = VOLATILE.sub("", body(response).replace(slug, "SLUG"))
    return (
        response.status_code,
        response.get("Content-Type", ""),
        response.has_header("ETag"),
        text,
    )


@pytest.fixture
def world():
    owner_org = make_org("opd")
    closed = make_dataset(owner_org, access_level="tertutup", title="Data tertutup")
    restricted = make_dataset(owner_org, access_level="terbatas", title="Data terbatas")
    draft = make_dataset(owner_org, published=False, title="Draf")
    make_version(draft)
    unlisted = make_dataset(
        owner_org, access_level="tertutup", published=False, state="menunggu_pembina"
    )
    unlisted.candidate_version = make_version(unlisted)
    unlisted.save()
    viewers = {
        "anonymous": (None, [closed, restricted, draft, unlisted]),
        "other": (make_user(make_org("opd"), "produsen"), [closed, draft, unlisted]),
        "partner": (make_user(make_org("partner")), [closed, draft, unlisted]),
        "pembina": (make_user(make_org("pembina"), "pembina"), [closed, draft, unlisted]),
    }
    return viewers


def test_hidden_datasets_answer_exactly_like_missing_ones(world):
    failures = []
    for role, (user, hidden) in world.items():
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        missing = {
            (url, i): answer(client, url, MISSING, headers)
            for url in dataset_urls(MISSING)
            for i, headers in enumerate(CONDITIONS)
        }
        for dataset in hidden:
            for url in dataset_urls(dataset.slug):
                for i, headers in enumerate(CONDITIONS):
                    key = (url.replace(dataset.slug, MISSING), i)
                    got = answer(client, url, dataset.slug, headers)
                    if got != missing[key]:
                        failures.append(f"{role} {url} {headers}: {got[:3]} vs {missing[key][:3]}")
    assert not failures, "\n".join(failures[:30])
