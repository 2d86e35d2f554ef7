import pytest

from satudata.apps.indicators.tests.conftest import define
from satudata.platform.testing.openapi import OpenAPIClient, session_client

pytestmark = pytest.mark.django_db


def test_the_list_gives_the_latest_value_of_published_indicators(rtlh, who):
    shown = define(who, rtlh)
    define(who, None, name="Draf indikator", unit="indeks", published=False)
    found = OpenAPIClient().get("/api/v1/statistik/indikator").json()
    assert [r["slug"] for r in found["results"]] == [shown.slug]
    assert found["results"][0]["periode_terakhir"] == "2024"
    assert found["results"][0]["nilai_terakhir"] == pytest.approx(100 / 3)
    assert found["results"][0]["periode"] == ["2023", "2024"]
    assert OpenAPIClient().get("/api/v1/statistik/indikator?organisasi=a b").status_code == 422


def test_the_detail_filters_values_by_level_and_period(rtlh, who):
    indicator = define(who, rtlh)
    client = OpenAPIClient()
    doc = client.get(
        f"/api/v1/statistik/indikator/{indicator.slug}?tingkat=kecamatan&periode=2024"
    ).json()
    assert [(v["kode_wilayah"], round(v["nilai"], 1)) for v in doc["nilai"]] == [
        ("36.71.01", 35.0),
        ("36.71.02", 30.0),
    ]
    assert doc["sumber"]["dataset"] == rtlh.slug
    assert (
        client.get(f"/api/v1/statistik/indikator/{indicator.slug}?tingkat=desa").status_code == 422
    )
    assert client.get("/api/v1/statistik/indikator/tidak-ada").status_code == 404


def test_an_unpublished_indicator_is_404_but_its_opd_reads_it(who):
    draft = define(who, None, name="Draf indikator", unit="indeks", published=False)
    assert OpenAPIClient().get(f"/api/v1/statistik/indikator/{draft.slug}").status_code == 404
    own = session_client(who["produsen"]).get(f"/api/v1/statistik/indikator/{draft.slug}")
    assert own.status_code == 200
