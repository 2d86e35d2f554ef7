import pytest

from satudata.apps.catalog.models import Topic
from satudata.platform.testing.factories import make_dataset, make_org, make_user
from satudata.platform.testing.openapi import OpenAPIClient, bearer_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    topic = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    dinkes = make_org("opd", name="Dinas Kesehatan")
    make_dataset(dinkes, title="Puskesmas", topic=topic)
    make_dataset(dinkes, access_level="terbatas", title="Bansos", topic=topic)
    make_dataset(dinkes, access_level="tertutup", title="Pasien TB")
    make_dataset(dinkes, published=False, title="Draf")
    return {
        "dinkes": dinkes,
        "partner": make_org("partner", name="Mitra Universitas"),
        "owner": make_user(dinkes, "produsen"),
        "other": make_user(make_org("opd", name="Dinas Pendidikan"), "produsen"),
    }


def counts(response) -> dict[str, int]:
    return {o["name"]: o["dataset_count"] for o in response.json()["results"]}


def test_counts_follow_what_the_viewer_may_see(world):
    anonymous = counts(OpenAPIClient().get("/api/v1/organisations"))
    assert anonymous == {"Dinas Kesehatan": 1, "Dinas Pendidikan": 0}
    other = counts(bearer_client(world["other"]).get("/api/v1/organisations"))
    assert other["Dinas Kesehatan"] == 2
    owner = counts(bearer_client(world["owner"]).get("/api/v1/organisations"))
    assert owner["Dinas Kesehatan"] == 3


def test_partners_are_not_listed_as_producers(world):
    names = counts(OpenAPIClient().get("/api/v1/organisations"))
    assert "Mitra Universitas" not in names
    response = OpenAPIClient().get(f"/api/v1/organisations/{world['partner'].slug}")
    assert response.status_code == 404


def test_profile_counts_per_topic_through_the_gate(world):
    url = f"/api/v1/organisations/{world['dinkes'].slug}"
    anonymous = OpenAPIClient().get(url).json()
    assert anonymous["name"] == "Dinas Kesehatan"
    assert anonymous["dataset_count"] == 1
    assert anonymous["topics"] == [{"slug": "kesehatan", "name": "Kesehatan", "dataset_count": 1}]
    owner = bearer_client(world["owner"]).get(url).json()
    assert owner["dataset_count"] == 3
    assert {t["slug"]: t["dataset_count"] for t in owner["topics"]} == {"kesehatan": 2, None: 1}


def test_organisations_are_paged_with_links(world):
    for n in range(3):
        make_org("opd", name=f"Badan {n}")
    first = OpenAPIClient().get("/api/v1/organisations?limit=2").json()
    assert first["count"] == 5
    assert [o["name"] for o in first["results"]] == ["Badan 0", "Badan 1"]
    assert first["previous"] is None
    last = OpenAPIClient().get(first["next"].replace("offset=2", "offset=4")).json()
    assert [o["name"] for o in last["results"]] == ["Dinas Pendidikan"]
    assert last["next"] is None
    assert "offset=2" in last["previous"]


def test_limits_out_of_range_are_refused_in_the_envelope(world):
    response = OpenAPIClient().get("/api/v1/organisations?limit=1000")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
