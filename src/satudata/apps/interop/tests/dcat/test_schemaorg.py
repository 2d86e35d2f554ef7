"""The schema.org Dataset description in a dataset page's head."""

import json
import re

import pytest
from django.test import Client

from satudata.apps.interop.dcat.schemaorg import script_json
from satudata.apps.interop.tests.dcat.world import MARK, build

pytestmark = pytest.mark.django_db

SITE = "https://data.tangerangkota.example"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


def jsonld_of(html: str) -> dict:
    head = html.split("</head>", 1)[0]
    found = SCRIPT.findall(head)
    assert len(found) == 1
    return json.loads(found[0])


def test_dataset_page_describes_the_dataset_for_search_engines():
    world = build()
    dataset = world.full
    html = Client().get(f"/dataset/{dataset.slug}/").content.decode()
    document = jsonld_of(html)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "Dataset"
    assert document["@id"] == f"{SITE}/dataset/{dataset.slug}/#dataset"
    assert document["name"] == dataset.title
    assert document["description"] == dataset.description
    assert document["url"] == f"{SITE}/dataset/{dataset.slug}/"
    assert document["identifier"] == document["@id"]
    assert sorted(document["keywords"]) == ["balita", "stunting"]
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["creator"]["@type"] == "GovernmentOrganization"
    assert document["creator"]["name"] == "Dinas Kesehatan"
    assert document["publisher"]["name"] == world.walidata.name
    assert document["temporalCoverage"] == "2020-01-01/2024-12-31"
    place = document["spatialCoverage"]
    assert place["@type"] == "Place"
    assert place["name"] == "Kota Tangerang"
    assert place["identifier"] == "36.71"
    wilayah = dataset.cakupan_wilayah
    if wilayah.lat is not None:
        assert place["geo"]["latitude"] == wilayah.lat
    assert document["isAccessibleForFree"] is True
    assert document["inLanguage"] == "id"
    assert document["dateModified"].startswith(str(dataset.updated_at.year))
    assert "datePublished" in document
    version = dataset.published_version
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in document["distribution"]}
    assert downloads["text/csv"] == (
        f"{SITE}/dataset/{dataset.slug}/versi/{version.number}/unduh.csv"
    )
    assert set(downloads) == {
        "text/csv",
        "application/json",
        "application/vnd.apache.parquet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    variables = [v["name"] for v in document["variableMeasured"]]
    assert variables == ["kode_wilayah", "jumlah", "rasio", "tanggal", "aktif", "catatan"]
    assert document["variableMeasured"][1]["description"] == "Jumlah Balita"


def test_markup_in_metadata_cannot_break_out_of_the_script_element():
    world = build()
    html = Client().get(f"/dataset/{world.full.slug}/").content.decode()
    body = SCRIPT.search(html.split("</head>", 1)[0]).group(1)
    assert "<" not in body
    assert ">" not in body
    assert "&" not in body
    assert "\\u003cper\\u003e" in body
    assert jsonld_of(html)["name"] == "Jumlah Balita Stunting <per> Kelurahan & Kecamatan"


def test_script_json_escapes_what_would_end_the_script():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "</script>" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_dataset_without_published_version_has_no_downloads():
    world = build()
    client = Client()
    client.force_login(world.produsen, backend="django.contrib.auth.backends.ModelBackend")
    document = jsonld_of(client.get(f"/dataset/{world.draft.slug}/").content.decode())
    assert "distribution" not in document
    assert "variableMeasured" not in document


def test_sparse_dataset_leaves_out_empty_metadata():
    world = build()
    document = jsonld_of(Client().get(f"/dataset/{world.sparse.slug}/").content.decode())
    assert document["description"] == world.sparse.title
    assert "temporalCoverage" not in document
    assert "spatialCoverage" not in document
    assert document["keywords"] == []


def test_anonymous_never_gets_restricted_descriptions():
    world = build()
    client = Client()
    for hidden in (world.restricted, world.closed, world.draft):
        response = client.get(f"/dataset/{hidden.slug}/")
        assert response.status_code == 404
        assert "application/ld+json" not in response.content.decode()
        for marker in MARK.values():
            assert marker not in response.content.decode()


def test_restricted_dataset_is_not_free_for_its_viewers():
    world = build()
    client = Client()
    client.force_login(world.gov_user, backend="django.contrib.auth.backends.ModelBackend")
    document = jsonld_of(client.get(f"/dataset/{world.restricted.slug}/").content.decode())
    assert document["isAccessibleForFree"] is False


def test_dataset_page_links_to_the_data_package_and_dcat():
    world = build()
    html = Client().get(f"/dataset/{world.full.slug}/").content.decode()
    for suffix in ("datapackage.zip", "datapackage.json", "dcat.jsonld", "dcat.ttl", "dcat.rdf"):
        assert f"/dataset/{world.full.slug}/{suffix}" in html
