import pytest

from satudata.apps.portal.tests.helpers import english_client, signed_in
from satudata.apps.statistics.tests.conftest import make_kegiatan

pytestmark = pytest.mark.django_db


def test_list_follows_access_rules(who):
    public = make_kegiatan(who, judul="Terbit")
    hidden = make_kegiatan(who, published=False, judul="Draf")
    anonymous = english_client().get("/api/v1/statistik/kegiatan").json()
    assert [r["slug"] for r in anonymous["results"]] == [public.slug]
    assert anonymous["results"][0]["romantik_warning"] is True
    own = signed_in(who["produsen"]).get("/api/v1/statistik/kegiatan").json()
    assert {r["slug"] for r in own["results"]} == {public.slug, hidden.slug}
    pembina = signed_in(who["pembina"]).get("/api/v1/statistik/kegiatan?tahun=2025").json()
    assert pembina["count"] == 2
    assert english_client().get("/api/v1/statistik/kegiatan?tahun=99").status_code == 422
    filtered = signed_in(who["walidata"]).get("/api/v1/statistik/kegiatan?q=draf").json()
    assert [r["slug"] for r in filtered["results"]] == [hidden.slug]


def test_detail_shows_public_entries_to_others(who, kegiatan):
    doc = english_client().get(f"/api/v1/statistik/kegiatan/{kegiatan.slug}").json()
    assert [v["nama"] for v in doc["variabel"]] == ["Umur balita"]
    assert doc["ms_keg"]["judul"] == kegiatan.judul
    assert doc["gsbpm"]["applicable"] == 44
    full = signed_in(who["produsen"]).get(f"/api/v1/statistik/kegiatan/{kegiatan.slug}").json()
    assert len(full["variabel"]) == 2
    missing = english_client().get("/api/v1/statistik/kegiatan/tidak-ada")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
