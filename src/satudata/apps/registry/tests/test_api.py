"""The /api/v1/wilayah endpoints, checked against the OpenAPI document."""

import pytest

from satudata.apps.registry.models import Wilayah, WilayahChange
from satudata.platform.testing.openapi import OpenAPIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> OpenAPIClient:
    return OpenAPIClient()


def test_top_level_children_and_paging(api: OpenAPIClient) -> None:
    top = api.get("/api/v1/wilayah").json()
    assert top["count"] == 38
    assert top["next"] is None and top["previous"] is None
    kecamatan = api.get("/api/v1/wilayah", {"parent": "36.71"}).json()
    assert kecamatan["count"] == 13
    assert kecamatan["results"][0]["child_count"] > 0
    desa = api.get("/api/v1/wilayah", {"level": "desa", "parent": "36.71", "limit": 100}).json()
    assert desa["count"] == 104
    assert "offset=100" in desa["next"]
    children = api.get("/api/v1/wilayah/36.71.01/children").json()
    assert {r["jenis"] for r in children["results"]} == {"kelurahan"}
    assert api.get("/api/v1/wilayah", {"level": "kota"}).status_code == 422
    assert api.get("/api/v1/wilayah", {"limit": 1000}).status_code == 422


def test_one_area_and_its_history(api: OpenAPIClient) -> None:
    area = api.get("/api/v1/wilayah/36.71.12").json()
    assert area["nama"] == "Karang Tengah"
    assert area["current"] is True and area["parent"] == "36.71"
    assert api.get("/api/v1/wilayah/99.99").status_code == 404
    assert api.get("/api/v1/wilayah/abc").status_code == 422
    Wilayah.objects.filter(kode="36.71.13.1001").update(
        valid_until="2030-01-31", replaced_by_id="36.71.13.1002"
    )
    WilayahChange.objects.create(
        kind="merged",
        old_kode="36.71.13.1001",
        new_kode="36.71.13.1002",
        decree="Kepmendagri contoh",
        date="2030-01-31",
    )
    retired = api.get("/api/v1/wilayah/36.71.13.1001").json()
    assert retired["current"] is False and retired["replaced_by"] == "36.71.13.1002"
    history = api.get("/api/v1/wilayah/36.71.13.1001/history").json()
    assert history[0]["kind"] == "merged"
    assert api.get("/api/v1/wilayah/99.99/history").status_code == 404


def test_search_tolerates_typos(api: OpenAPIClient) -> None:
    found = api.get(
        "/api/v1/wilayah/search", {"q": "Karang Tngah", "level": "kecamatan", "within": "36.71"}
    ).json()
    assert found["results"][0]["kode"] == "36.71.12"
    assert 0 < found["results"][0]["score"] < 1
    assert api.get("/api/v1/wilayah/search", {"q": "36.71"}).json()["results"][0]["nama"] == (
        "Kota Tangerang"
    )
    assert api.get("/api/v1/wilayah/search", {"q": "...."}).json()["count"] == 0
    assert api.get("/api/v1/wilayah/search").status_code == 422
    assert api.get("/api/v1/wilayah/search", {"q": "x" * 101}).status_code == 422
    assert api.get("/api/v1/wilayah/search", {"q": "a\x00"}).status_code == 422
