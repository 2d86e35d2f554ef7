"""What each role sees through the CKAN API: terbatas and tertutup datasets only for those
allowed, drafts never, and nothing of them in lists, counts, facets, tags or data."""

import json

import pytest

from satudata.apps.interop.ckan import ids
from satudata.apps.interop.tests.ckan.conftest import SECRET, call, result

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other", "partner", "owner", "walidata")
SEES = {
    "anonymous": set(),
    "other": {"terbatas"},
    "partner": {"terbatas"},
    "owner": {"terbatas", "tertutup"},
    "walidata": {"terbatas", "tertutup"},
}
FACETS = [
    "organization",
    "tags",
    "res_format",
    "groups",
    "tingkat_akses",
    "prioritas_tahun",
    "license_id",
]


def token_of(world, role):
    return None if role == "anonymous" else world["tokens"][role]


def leaked(text: str, role: str, private: bool = True) -> set[str]:
    allowed = SEES[role] if private else set()
    return {level for level, mark in SECRET.items() if mark in text and level not in allowed}


@pytest.mark.parametrize("role", ROLES)
def test_lists_counts_facets_and_tags(world, role):
    token = token_of(world, role)
    public = result(call("package_search", token, q="penduduk", **{"facet.field": FACETS}))
    assert public["count"] == 2
    assert not leaked(json.dumps(public), role, private=False)
    private = result(
        call(
            "package_search",
            token,
            q="penduduk",
            include_private=True,
            rows=50,
            **{"facet.field": FACETS},
        )
    )
    assert private["count"] == 2 + len(SEES[role])
    assert not leaked(json.dumps(private), role)
    shown = {p["name"] for p in private["results"]}
    for level in ("terbatas", "tertutup"):
        assert (world["datasets"][level].slug in shown) == (level in SEES[role])
    assert world["datasets"]["draft"].slug not in shown
    for action, params in [
        ("package_list", {}),
        ("tag_list", {}),
        ("organization_list", {"all_fields": True}),
        ("group_list", {"all_fields": True}),
        ("organization_show", {"id": world["orgs"]["dinkes"].slug, "include_datasets": True}),
        ("current_package_list_with_resources", {"limit": 100}),
    ]:
        text = json.dumps(result(call(action, token, **params)))
        assert not leaked(text, role), (action, text)
        assert world["datasets"]["draft"].slug not in text


@pytest.mark.parametrize("role", ROLES)
def test_package_resource_and_datastore(world, role):
    token = token_of(world, role)
    for level in ("terbatas", "tertutup", "draft"):
        dataset = world["datasets"][level]
        allowed = level in SEES[role]
        for key in (dataset.slug, ids.package_id(dataset.pk)):
            response = call("package_show", token, id=key)
            assert response.status_code == (200 if allowed else 404)
        data = ids.data_resource_id(dataset.pk, 2, "csv")
        response = call("resource_show", token, id=data)
        assert response.status_code == (200 if allowed else 404)
        response = call("datastore_search", token, resource_id=data)
        assert response.status_code == (200 if allowed else 404)
        if not allowed:
            assert not leaked(response.content.decode(), role, private=False)
        else:
            records = result(response)["records"]
            assert records == [{"_id": 1, "keterangan": SECRET[level]}]


@pytest.mark.parametrize("role", ROLES)
def test_attachments_follow_their_own_level(world, role):
    token = token_of(world, role)
    package = result(call("package_show", token, id=world["datasets"]["puskesmas"].slug))
    titles = {r["name"] for r in package["resources"]}
    closed = f"Lampiran {SECRET['tertutup']}"
    may = role in ("owner", "walidata")
    assert (closed in titles) == may
    hidden = world["datasets"]["puskesmas"].attachments.get(title=closed)
    response = call(
        "resource_show", token, id=ids.attachment_resource_id(hidden.dataset_id, hidden.pk)
    )
    assert response.status_code == (200 if may else 404)
    assert may or closed not in json.dumps(package)


def test_cached_package_dicts_keep_attachments_per_viewer_and_show_edits_at_once(world):
    dataset = world["datasets"]["puskesmas"]
    closed = f"Lampiran {SECRET['tertutup']}"
    for token, may in [(None, False), (world["tokens"]["walidata"], True), (None, False)]:
        package = result(call("package_show", token, id=dataset.slug))
        assert (closed in {r["name"] for r in package["resources"]}) == may
        assert [r["position"] for r in package["resources"]] == list(
            range(len(package["resources"]))
        )
    dataset.title = "Judul Baru Puskesmas"
    dataset.save()
    assert result(call("package_show", None, id=dataset.slug))["title"] == "Judul Baru Puskesmas"
