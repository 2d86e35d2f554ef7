"""The real `ckanapi` client against a running server (pytest-django's live_server)."""

import ckanapi
import pytest

from satudata.apps.interop.tests.ckan.conftest import SECRET


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ckanapi_client_reads_the_portal(live_server, world):
    dukcapil = world["orgs"]["dukcapil"].slug
    with ckanapi.RemoteCKAN(live_server.url, user_agent="satudata-test") as anonymous:
        assert anonymous.action.status_show()["ckan_version"].startswith("2.10")
        found = anonymous.action.package_search(
            q="penduduk",
            fq=f"organization:{dukcapil}",
            **{"facet.field": ["tags", "res_format"]},
        )
        assert found["count"] == 2
        assert found["facets"]["tags"] == {"demografi": 2}
        assert found["search_facets"]["res_format"]["items"][0]["count"] == 2
        first = anonymous.action.package_search(sort="title_string asc", rows=1, start=0)
        second = anonymous.action.package_search(sort="title_string asc", rows=1, start=1)
        assert first["count"] == second["count"] == 3
        assert first["results"][0]["name"] != second["results"][0]["name"]
        package = anonymous.action.package_show(id=world["datasets"]["penduduk"].slug)
        assert {e["key"] for e in package["extras"]} >= {"prioritas_tahun", "level_penyajian"}
        assert dukcapil in anonymous.action.organization_list()
        rows = anonymous.action.datastore_search(
            resource_id=package["resources"][0]["id"],
            filters={"kode_wilayah": "36.71.01"},
            sort="tahun desc",
            limit=1,
        )
        assert rows["total"] == 2 and rows["records"][0]["tahun"] == 2024
        with pytest.raises(ckanapi.NotFound):
            anonymous.action.package_show(id=world["datasets"]["terbatas"].slug)
        with pytest.raises(ckanapi.SearchQueryError):
            anonymous.action.package_search(fq="-tags:x")
        with pytest.raises(ckanapi.ValidationError):
            anonymous.action.package_search(rows=5000)
    token = world["tokens"]["partner"]
    with ckanapi.RemoteCKAN(live_server.url, apikey=token, user_agent="satudata-test") as partner:
        found = partner.action.package_search(q="penduduk", include_private=True)
        names = {p["name"] for p in found["results"]}
        assert world["datasets"]["terbatas"].slug in names
        assert SECRET["tertutup"] not in str(found)
    with ckanapi.RemoteCKAN(live_server.url, get_only=True, user_agent="satudata-test") as reader:
        slugs = sorted(world["datasets"][k].slug for k in ("penduduk", "puskesmas", "lahir"))
        assert reader.action.package_list() == slugs
