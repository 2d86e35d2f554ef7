import pytest

from satudata.apps.catalog.models import Topic
from satudata.platform.testing.factories import make_dataset, make_org, make_user
from satudata.platform.testing.openapi import OpenAPIClient, bearer_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    health = Topic.objects.create(
        name="Kesehatan", slug="kesehatan", description="Urusan kesehatan"
    )
    Topic.objects.create(name="Pendidikan", slug="pendidikan")
    dinkes = make_org("opd", name="Dinas Kesehatan")
    make_dataset(dinkes, title="Puskesmas", topic=health)
    make_dataset(dinkes, access_level="terbatas", title="Bansos", topic=health)
    make_dataset(dinkes, access_level="tertutup", title="Pasien", topic=health)
    make_dataset(dinkes, published=False, title="Draf", topic=health)
    return {"owner": make_user(dinkes, "produsen"), "other": make_user(make_org(), "produsen")}


def test_topic_counts_never_reveal_hidden_datasets(world):
    anonymous = OpenAPIClient().get("/api/v1/topics").json()
    assert anonymous["count"] == 2
    assert {t["slug"]: t["dataset_count"] for t in anonymous["results"]} == {
        "kesehatan": 1,
        "pendidikan": 0,
    }
    other = bearer_client(world["other"]).get("/api/v1/topics").json()
    assert other["results"][0]["dataset_count"] == 2
    owner = bearer_client(world["owner"]).get("/api/v1/topics").json()
    assert owner["results"][0]["dataset_count"] == 3


def test_topic_detail_counts_per_organisation(world):
    detail = OpenAPIClient().get("/api/v1/topics/kesehatan").json()
    assert detail["description"] == "Urusan kesehatan"
    assert detail["url"] == "/topik/kesehatan/"
    assert detail["organisations"] == [
        {"slug": world["owner"].organisation.slug, "name": "Dinas Kesehatan", "dataset_count": 1}
    ]


def test_unknown_topic_is_404_in_the_envelope(world):
    response = OpenAPIClient().get("/api/v1/topics/tidak-ada")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
