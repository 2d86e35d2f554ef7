"""Each action through Django's test client: CKAN's envelope, results, errors and codes."""

import pytest
from django.test import Client

from satudata.apps.interop.ckan import ids
from satudata.apps.interop.tests.ckan.conftest import call, result

pytestmark = pytest.mark.django_db


def test_envelope_and_status_show(world):
    response = call("status_show")
    body = response.json()
    assert response.status_code == 200
    assert body["help"] == "http://testserver/api/3/action/help_show?name=status_show"
    assert body["success"] is True
    assert body["result"]["ckan_version"].startswith("2.10")
    assert "datastore" in body["result"]["extensions"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_version_and_unversioned_path(world):
    assert Client().get("/api/3").json() == {"version": 3}
    response = Client().get("/api/action/package_list")
    assert response.status_code == 200 and response.json()["success"] is True


def test_unknown_action_is_a_bad_request(world):
    response = call("package_create")
    body = response.json()
    assert response.status_code == 400
    assert body["success"] is False
    assert body["error"]["message"] == "Bad request - Action name not known: package_create"


def test_help_show(world):
    assert "facet.field" in result(call("help_show", name="package_search"))
    response = call("help_show", name="nothing")
    assert response.status_code == 404
    assert response.json()["error"]["__type"] == "Not Found Error"


def test_package_list_paging(world):
    names = result(call("package_list"))
    assert names == sorted(names) and len(names) == 3
    assert result(call("package_list", limit=1, offset=1)) == names[1:2]
    response = call("package_list", limit=-1)
    assert response.status_code == 409
    assert response.json()["error"] == {
        "__type": "Validation Error",
        "limit": ["Must be a natural number"],
    }


def test_package_show_by_name_and_id(world):
    dataset = world["datasets"]["penduduk"]
    found = result(call("package_show", id=dataset.slug))
    assert found["id"] == ids.package_id(dataset.pk)
    assert result(call("package_show", id=found["id"]))["name"] == dataset.slug
    assert found["organization"]["name"] == world["orgs"]["dukcapil"].slug
    assert found["groups"][0]["name"] == "kependudukan"
    assert found["tags"] == [
        {"name": "demografi", "display_name": "demografi", "state": "active", "vocabulary_id": None}
    ]
    assert found["private"] is False and found["state"] == "active"
    assert found["license_id"] == "cc-by" and found["isopen"] is True
    assert found["maintainer_email"] == "budi@example.go.id"
    extras = {e["key"]: e["value"] for e in found["extras"]}
    assert extras["prioritas_tahun"] == "2024"
    assert extras["level_penyajian"] == "kecamatan"
    assert extras["satuan"] == "jiwa"
    assert extras["periode_awal"] == "2023-01-01"
    assert extras["tingkat_akses"] == "terbuka"
    formats = [r["format"] for r in found["resources"]]
    assert formats == ["CSV", "XLSX", "JSON", "PARQUET", "PDF"]
    assert found["num_resources"] == 5
    assert found["resources"][0]["datastore_active"] is True
    assert found["resources"][0]["url"].endswith(f"/dataset/{dataset.slug}/versi/2/unduh.csv")
    assert found["resources"][4]["datastore_active"] is False


def test_package_show_errors(world):
    response = call("package_show")
    assert response.status_code == 409
    assert response.json()["error"]["id"] == ["Missing value"]
    response = call("package_show", id="tidak-ada")
    assert response.status_code == 404
    assert response.json()["error"]["__type"] == "Not Found Error"


def test_post_with_json_body_and_form(world):
    found = result(call("package_show", method="post", id=world["datasets"]["lahir"].slug))
    assert found["title"] == "Jumlah Kelahiran"
    response = Client().post(
        "/api/3/action/package_search", {"q": "puskesmas"}, headers={"accept-language": "en"}
    )
    assert result(response)["count"] == 1
    response = Client().post(
        "/api/3/action/package_search", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_package_search_counts_pages_and_sorts(world):
    everything = result(call("package_search", rows=2))
    assert everything["count"] == 3 and len(everything["results"]) == 2
    titles = [
        p["title"] for p in result(call("package_search", sort="title_string asc"))["results"]
    ]
    assert titles == sorted(titles)
    window = [
        p["title"]
        for p in result(call("package_search", sort="title_string asc", start=1, rows=2))["results"]
    ]
    assert window == titles[1:3]
    odd = result(call("package_search", sort="title_string asc", start=1, rows=1))["results"]
    assert [p["title"] for p in odd] == titles[1:2]
    assert result(call("package_search", start=5))["results"] == []
    oldest = result(call("package_search", sort="metadata_modified asc"))["results"]
    newest = result(call("package_search", sort="metadata_modified desc"))["results"]
    stamps = [p["metadata_modified"] for p in oldest]
    assert stamps == sorted(stamps)
    assert [p["name"] for p in oldest] == [p["name"] for p in reversed(newest)]


def test_package_search_q_and_fq(world):
    dukcapil = world["orgs"]["dukcapil"].slug
    assert result(call("package_search", q="penduduk"))["count"] == 2
    assert result(call("package_search", q=f"organization:{dukcapil}"))["count"] == 2
    assert result(call("package_search", fq=f"organization:{dukcapil}"))["count"] == 2
    assert result(call("package_search", fq='tags:"demografi"'))["count"] == 2
    assert result(call("package_search", fq="tags:(demografi OR kesehatan)"))["count"] == 3
    assert result(call("package_search", fq="groups:kependudukan"))["count"] == 1
    assert result(call("package_search", fq="res_format:CSV"))["count"] == 3
    assert result(call("package_search", fq="res_format:PDF"))["count"] == 1
    both = f"+organization:{dukcapil} AND tags:demografi +dataset_type:dataset"
    assert result(call("package_search", q="kelahiran", fq=both))["count"] == 1
    assert result(call("package_search", fq="dataset_type:harvest"))["count"] == 0
    assert result(call("package_search", q="*:*", fq="prioritas_tahun:2024"))["count"] == 1
    named = result(call("package_search", q="name:" + world["datasets"]["lahir"].slug))
    assert [p["title"] for p in named["results"]] == ["Jumlah Kelahiran"]


def test_package_search_metadata_modified_range(world):
    assert (
        result(call("package_search", fq="metadata_modified:[2000-01-01T00:00:00Z TO *]"))["count"]
        == 3
    )
    assert (
        result(call("package_search", fq="metadata_modified:[* TO 2001-01-01T00:00:00Z]"))["count"]
        == 0
    )
    assert (
        result(call("package_search", fq="metadata_modified:[NOW-1DAY TO NOW+1DAY]"))["count"] == 3
    )


@pytest.mark.parametrize(
    "params",
    [
        {"fq": "-organization:x"},
        {"fq": "organization:a OR groups:b"},
        {"fq": "tags:a tags:b"},
        {"fq": "metadata_created:[* TO *]"},
        {"fq": "metadata_modified:[yesterday TO *]"},
        {"fq": "penduduk"},
        {"sort": "metadata_created asc"},
        {"sort": "title_string sideways"},
        {"q": "name:x tags:y"},
        {"fq": "tahun:dua"},
    ],
)
def test_package_search_refuses_what_it_cannot_answer(world, params):
    response = call("package_search", **params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["__type"] == "Search Query Error"
    assert error["message"].startswith("Search Query is invalid: ")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rows": 1001}, "rows"),
        ({"rows": "abc"}, "rows"),
        ({"start": -1}, "start"),
        ({"include_private": "maybe"}, "include_private"),
        ({"facet.field": "[1, "}, "facet.field"),
        ({"q": "x" * 1001}, "q"),
    ],
)
def test_package_search_bounds(world, params, field):
    response = Client().get("/api/3/action/package_search", params)
    assert response.status_code == 409
    assert field in response.json()["error"]


def test_package_search_facets(world):
    found = result(
        call(
            "package_search",
            **{
                "facet.field": ["organization", "tags", "res_format", "groups", "license_id"],
                "facet.limit": 1,
            },
        )
    )
    dukcapil = world["orgs"]["dukcapil"]
    assert found["facets"]["organization"] == {dukcapil.slug: 2}
    assert found["search_facets"]["organization"] == {
        "title": "organization",
        "items": [{"name": dukcapil.slug, "display_name": dukcapil.name, "count": 2}],
    }
    assert found["facets"]["tags"] == {"demografi": 2}
    assert list(found["facets"]["res_format"].values()) == [3]
    assert found["facets"]["groups"] == {"kependudukan": 1}
    assert found["facets"]["license_id"] == {"cc-by": 3}
    assert found["search_facets"]["license_id"]["items"] == [
        {
            "name": "cc-by",
            "display_name": "Creative Commons Attribution 4.0 (CC BY 4.0)",
            "count": 3,
        }
    ]
    assert result(call("package_search"))["facets"] == {}


def test_package_search_licence_facet_and_filter(world):
    token = world["tokens"]["walidata"]
    asked = {"facet.field": ["license_id"], "include_private": True}
    found = result(call("package_search", token, **asked))
    assert found["facets"]["license_id"] == {"cc-by": 3, "other-closed": 2}
    closed = next(i for i in found["search_facets"]["license_id"]["items"] if i["count"] == 2)
    assert closed["display_name"] == "Other (not open)"
    only_closed = result(call("package_search", token, fq="license_id:other-closed", **asked))
    assert only_closed["count"] == 2
    assert {p["license_id"] for p in only_closed["results"]} == {"other-closed"}
    assert result(call("package_search", fq="license_id:other-closed"))["count"] == 0
    assert result(call("package_search", fq="license_id:cc-by"))["count"] == 3
    assert result(call("package_search", fq="license_id:mit"))["count"] == 0


def test_organization_and_group_actions(world):
    dukcapil = world["orgs"]["dukcapil"]
    names = result(call("organization_list"))
    assert dukcapil.slug in names and names == sorted(names)
    rows = result(call("organization_list", all_fields=True, sort="package_count desc"))
    assert rows[0]["name"] == dukcapil.slug and rows[0]["package_count"] == 2
    shown = result(call("organization_show", id=dukcapil.slug, include_datasets=True))
    assert shown["id"] == ids.organization_id(dukcapil.pk)
    assert {p["title"] for p in shown["packages"]} == {
        "Jumlah Penduduk Menurut Kecamatan",
        "Jumlah Kelahiran",
    }
    assert result(call("organization_show", id=shown["id"]))["name"] == dukcapil.slug
    assert call("organization_show", id="tidak-ada").status_code == 404
    assert result(call("group_list")) == ["kependudukan"]
    group = result(call("group_show", id="kependudukan", include_datasets=True))
    assert group["package_count"] == 1 and len(group["packages"]) == 1
    assert call("organization_list", sort="umur").status_code == 409


def test_tag_list(world):
    assert result(call("tag_list")) == ["demografi", "kesehatan"]
    assert result(call("tag_list", query="dem")) == ["demografi"]
    assert result(call("tag_list", all_fields=True))[0]["display_name"] == "demografi"


def test_resource_show(world):
    package = result(call("package_show", id=world["datasets"]["penduduk"].slug))
    for resource in package["resources"]:
        assert result(call("resource_show", id=resource["id"])) == {
            k: v for k, v in resource.items() if k != "position"
        }
    assert call("resource_show", id="00000000-0000-0000-0000-000000000000").status_code == 404
    assert call("resource_show", id=package["id"]).status_code == 404


def test_cors_only_for_anonymous_gets(world):
    assert call("package_list")["Access-Control-Allow-Origin"] == "*"
    token = world["tokens"]["walidata"]
    assert "Access-Control-Allow-Origin" not in call("package_list", token=token)
    assert Client().options("/api/3/action/package_list").status_code == 204


def test_wrong_token_is_an_authorization_error(world):
    response = call("package_list", token="salah")
    assert response.status_code == 403
    assert response.json()["error"]["__type"] == "Authorization Error"
    bearer = f"Bearer {world['tokens']['owner']}"
    assert call("package_list", token=bearer).status_code == 200


def test_anonymous_rate_limit_in_ckan_envelope(world, settings):
    settings.API_RATE_ANON = "2/minute"
    client = Client(REMOTE_ADDR="10.9.8.7")
    for _ in range(2):
        assert client.get("/api/3/action/site_read").status_code == 200
    response = client.get("/api/3/action/site_read")
    assert response.status_code == 429
    assert response.json()["success"] is False
    assert "Retry-After" in response
    token = world["tokens"]["other"]
    signed = Client(REMOTE_ADDR="10.9.8.7", headers={"Authorization": token})
    assert signed.get("/api/3/action/site_read").status_code == 200
