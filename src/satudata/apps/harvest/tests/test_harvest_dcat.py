import json

import pytest
from django.test import Client

from satudata.apps.catalog.models import Dataset
from satudata.apps.harvest import actions, dcat
from satudata.apps.harvest.jobs import harvest
from satudata.apps.harvest.models import HarvestRun
from satudata.apps.harvest.records import RemoteRecord
from satudata.apps.harvest.templatetags.harvest_tags import harvest_record
from satudata.apps.harvest.tests.remote import Remote
from satudata.apps.search.actions import do_touch_index
from satudata.apps.search.memo import current_token
from satudata.platform import access
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.usefixtures("english")

PREFIXES = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def dataset_ttl(key: str, modified: str, rights: str = "PUBLIC") -> str:
    return f"""
<https://remote.example/dataset/{key}> a dcat:Dataset ;
    dct:identifier "{key}" ;
    dct:title "Judul {key}"@id, "Title {key}"@en ;
    dct:description "Data sintetis uji {key}"@id ;
    dct:publisher <https://remote.example/organisasi/dinsos> ;
    dct:modified "{modified}"^^xsd:dateTime ;
    dct:accessRights <http://publications.europa.eu/resource/authority/access-right/{rights}> ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ;
    dcat:keyword "sosial"@id ;
    dcat:landingPage <https://remote.example/dataset/{key}> ;
    dcat:distribution [ a dcat:Distribution ; dct:title "CSV {key}" ;
        dcat:downloadURL <https://remote.example/dataset/{key}.csv> ; dct:format "CSV" ] .
"""


def page(base: str, body: str, next_path: str | None) -> bytes:
    view = ""
    if next_path:
        view = f"<{base}/catalog.ttl> hydra:view [ hydra:next <{base}{next_path}> ] ."
    text = PREFIXES + '<https://remote.example/organisasi/dinsos> foaf:name "Dinsos" .\n'
    return (text + body + view).encode()


@pytest.fixture
def walidata(db):
    return make_user(make_org("walidata"), "walidata")


def test_pages_are_followed_and_reruns_ask_for_changes_only(remote: Remote, walidata):
    remote.dcat_pages = {
        "/catalog.ttl": (
            "text/turtle",
            page(remote.base, dataset_ttl("a", "2024-05-01T00:00:00"), "/catalog-2.ttl"),
        ),
    }
    source = actions.check_create_source(
        user=walidata,
        data={
            "name": "DCAT uji",
            "kind": "dcat",
            "url": f"{remote.base}/catalog.ttl",
            "organisation": make_org(),
            "interval_hours": 0,
        },
    )
    second = dataset_ttl("b", "2024-05-02T00:00:00") + dataset_ttl(
        "c", "2024-05-03T00:00:00", "NON_PUBLIC"
    )
    remote.dcat_pages["/catalog-2.ttl"] = ("text/turtle", page(remote.base, second, None))
    run = actions.do_create_run(source=source, trigger=HarvestRun.Trigger.MANUAL)
    harvest(run, full=False)
    assert run.status == HarvestRun.Status.SUCCEEDED, run.message
    assert (run.created, run.skipped) == (2, 1)
    dataset = Dataset.objects.get(harvested_from__remote_id="a")
    assert dataset.title == "Judul a"
    assert dataset.description == "Data sintetis uji a"
    assert access.public_datasets(access.ANONYMOUS).filter(pk=dataset.pk).exists()
    assert not Dataset.objects.filter(harvested_from__remote_id="c").exists()
    source.refresh_from_db()
    assert source.last_success_modified.isoformat().startswith("2024-05-03")
    run = actions.do_create_run(source=source, trigger=HarvestRun.Trigger.MANUAL)
    harvest(run, full=False)
    assert run.created == 0
    assert Dataset.objects.count() == 2
    assert "modified_since" in remote.requests[-2][1]


def test_remote_pages_without_our_path_handle_query_strings(remote: Remote):
    assert dcat.with_modified_since("http://x/catalog.ttl?a=1", None) == "http://x/catalog.ttl?a=1"
    from datetime import UTC, datetime

    url = dcat.with_modified_since("http://x/c.ttl?a=1", datetime(2024, 1, 2, tzinfo=UTC))
    assert url == "http://x/c.ttl?a=1&modified_since=2024-01-02T00%3A00%3A00Z"


def test_json_ld_and_rdf_xml_are_read():
    doc = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
        },
        "@graph": [
            {
                "@id": "https://remote.example/dataset/x",
                "@type": "dcat:Dataset",
                "dct:identifier": "x",
                "dct:title": "Data X",
                "dcat:distribution": {
                    "@type": "dcat:Distribution",
                    "dcat:accessURL": {"@id": "https://remote.example/x.csv"},
                },
            }
        ],
    }
    graph = dcat.parse(json.dumps(doc).encode(), "application/ld+json", "https://remote.example/")
    records = [dcat.read_dataset(graph, n) for n in graph.subjects(None, dcat.DCAT.Dataset)]
    assert isinstance(records[0], RemoteRecord)
    assert records[0].resources[0].url == "https://remote.example/x.csv"
    xml = graph.serialize(format="xml").encode()
    again = dcat.parse(xml, "application/rdf+xml", "https://remote.example/")
    assert len(again) == len(graph)


def test_a_page_that_is_not_rdf_fails_clearly():
    with pytest.raises(dcat.HarvestError, match="not a DCAT catalogue"):
        dcat.parse(b"<html>hello", "text/html", "https://remote.example/")


def test_a_harvested_dataset_names_its_source_on_its_page(
    remote: Remote, walidata, django_assert_num_queries
):
    do_touch_index()
    local = make_dataset(make_org())
    assert harvest_record(local, current_token()) is None
    remote.dcat_pages = {
        "/catalog.ttl": (
            "text/turtle",
            page(remote.base, dataset_ttl("a", "2024-05-01T00:00:00"), None),
        ),
    }
    source = actions.check_create_source(
        user=walidata,
        data={
            "name": "DCAT uji",
            "kind": "dcat",
            "url": f"{remote.base}/catalog.ttl",
            "organisation": make_org(),
            "interval_hours": 0,
        },
    )
    harvest(actions.do_create_run(source=source, trigger=HarvestRun.Trigger.MANUAL), full=False)
    dataset = Dataset.objects.get(harvested_from__remote_id="a")
    body = Client().get(dataset.get_absolute_url(), headers={"accept-language": "en"})
    assert "Harvested from DCAT uji." in body.content.decode()
    token = current_token()
    assert harvest_record(local, token) is None
    with django_assert_num_queries(0):
        assert harvest_record(local, token) is None
    local_page = Client().get(local.get_absolute_url(), headers={"accept-language": "en"})
    assert "Harvested from" not in local_page.content.decode()
