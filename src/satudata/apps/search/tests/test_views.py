"""The dataset list page, its .json and .csv, and the API's list: one search behind all."""

import pytest
from django.test import Client

from satudata.apps.search.tests.corpus import build_corpus

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_corpus()


def english() -> Client:
    return Client(headers={"accept-language": "en"})


def test_page_shows_facets_sort_and_count(world):
    page = english().get("/dataset/?q=penduduk&sort=newest").content.decode()
    assert "3 datasets found." in page
    assert 'name="organisation"' in page
    assert f'value="{world["orgs"]["dukcapil"].slug}"' in page
    assert "Dinas dukcapil" in page and "(2)" in page
    assert '<option value="newest" selected>' in page
    assert 'name="access"' not in page
    assert "Penerima Bantuan Sosial" not in page and "Dinas dinsos" not in page


def test_no_results_page_helps(world):
    page = english().get("/dataset/?q=xylofon").content.decode()
    assert "No datasets match" in page
    assert "Check the spelling" in page


def test_pagination_keeps_the_query(world):
    page = english().get("/dataset/?q=penduduk&per_page=2").content.decode()
    assert "q=penduduk" in page and "page=2" in page
    second = english().get("/dataset/?q=penduduk&per_page=2&page=2")
    assert [d.title for d in second.context["result"].datasets] == ["Angka Partisipasi Sekolah"]


def test_signed_in_users_get_the_access_facet(world):
    client = english()
    client.force_login(world["people"]["walidata"], backend=MODEL_BACKEND)
    page = client.get("/dataset/?q=penduduk").content.decode()
    assert 'name="access"' in page
    assert "Data Stunting Balita" in page


def test_json_and_csv_of_the_same_search(world):
    data = english().get("/dataset.json?q=kesehatan").json()
    assert data["count"] == 2
    assert [d["title"] for d in data["results"]] == ["Fasilitas Kesehatan", "Tenaga Kesehatan"]
    assert {f["name"] for f in data["facets"]} >= {"organisation", "topic", "format", "status"}
    csv = english().get("/dataset.csv?q=kesehatan").content.decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("slug,title,")
    assert len(lines) == 3 and "Fasilitas Kesehatan" in lines[1]


def test_api_list_searches_with_facets_and_next_links(world):
    first = Client().get("/api/v1/datasets?q=penduduk&limit=2").json()
    assert first["count"] == 3
    assert [d["title"] for d in first["results"]] == [
        "Jumlah Penduduk Menurut Kecamatan",
        "Kepadatan Penduduk per Kelurahan",
    ]
    assert any(f["name"] == "organisation" for f in first["facets"])
    second = Client().get(first["next"]).json()
    assert [d["title"] for d in second["results"]] == ["Angka Partisipasi Sekolah"]
    assert second["next"] is None and second["previous"]
    hidden = Client().get("/api/v1/datasets?q=stunting").json()
    assert hidden["count"] == 0 and "Stunting" not in str(hidden)


@pytest.mark.parametrize(
    "query",
    [
        "organisation=%00&organisation=__proto__&level=%1A",
        "topic=a%00b&q=penduduk%00",
        "page=4216165548",
    ],
)
def test_control_characters_and_huge_pages_never_break_a_search(world, query):
    client = Client()
    page = client.get(f"/dataset/?{query}")
    assert page.status_code == 200
    api = client.get(f"/api/v1/datasets?{query}")
    assert api.status_code in (200, 422)
    assert api.json().get("error", {}).get("code") != "server_error"
