import pytest

from satudata.platform.models import AuditEntry
from satudata.platform.testing.openapi import OpenAPIClient as Client
from satudata.platform.testing.openapi import bearer_client as bearer

pytestmark = pytest.mark.django_db


def variables(response) -> set[str]:
    return {c["variable"] for c in response.json()["results"]}


def test_anonymous_sees_only_open_pairs(world):
    response = Client().get("/api/v1/comparisons")
    assert response.status_code == 200
    assert variables(response) == {"Jumlah penduduk"}
    assert "Rahasia" not in response.content.decode()
    [item] = response.json()["results"]
    assert item["status"] == "disagree" and item["disagreements"] == 1
    assert item["dataset_a"]["slug"] == world.open_a.slug
    assert item["max_relative_percent"] == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("partner", {"Jumlah penduduk", "Penduduk terbatas"}),
        ("dukcapil_user", {"Jumlah penduduk", "Penduduk terbatas"}),
        ("dinkes_user", {"Jumlah penduduk", "Penduduk terbatas", "Penduduk vs tertutup"}),
        ("walidata", {"Jumlah penduduk", "Penduduk terbatas", "Penduduk vs tertutup"}),
    ],
)
def test_each_role_sees_pairs_of_visible_datasets(world, who, expected):
    assert variables(bearer(getattr(world, who)).get("/api/v1/comparisons")) == expected


def test_filters_and_paging(world):
    client = bearer(world.walidata)
    found = client.get(f"/api/v1/comparisons?dataset={world.restricted_b.slug}")
    assert variables(found) == {"Penduduk terbatas"}
    assert variables(client.get("/api/v1/comparisons?status=ok")) == set()
    page = client.get("/api/v1/comparisons?limit=1&offset=1").json()
    assert page["count"] == 3 and len(page["results"]) == 1
    assert page["next"] and page["previous"]


def test_dataset_filter_does_not_reveal_hidden_datasets(world):
    response = Client().get(f"/api/v1/comparisons?dataset={world.closed_b.slug}")
    assert response.status_code == 200 and response.json()["count"] == 0
    assert "Rahasia" not in response.content.decode()


@pytest.mark.parametrize(
    "query", ["status=bogus", "limit=0", "limit=1000", "offset=-1", "dataset=a%20b"]
)
def test_bad_parameters_are_422(world, query):
    response = Client().get(f"/api/v1/comparisons?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_detail_with_disagreements(world):
    response = Client().get(f"/api/v1/comparisons/{world.open_pair.pk}")
    assert response.status_code == 200
    body = response.json()
    [row] = body["disagreement_rows"]
    assert row["wilayah"] == "36.71.02" and row["period"] == "2024"
    assert (row["value_a"], row["value_b"], row["difference"]) == (600, 660, 60)
    assert row["relative_percent"] == pytest.approx(10.0)
    assert body["only_in_a_rows"] == [] and body["error"] is None


def test_hidden_detail_is_404_and_closed_read_is_audited(world):
    for pk in (world.closed_pair.pk, world.restricted_pair.pk, 999999):
        response = Client().get(f"/api/v1/comparisons/{pk}")
        assert response.status_code == 404
        assert "Rahasia" not in response.content.decode()
    assert bearer(world.partner).get(f"/api/v1/comparisons/{world.closed_pair.pk}").status_code == (
        404
    )
    before = AuditEntry.objects.filter(action="dataset.read").count()
    client = bearer(world.dinkes_user)
    assert client.get(f"/api/v1/comparisons/{world.closed_pair.pk}").status_code == 200
    assert AuditEntry.objects.filter(action="dataset.read").count() == before + 1


def test_retired_comparisons_leave_the_api(world):
    world.open_pair.active = False
    world.open_pair.save()
    assert Client().get(f"/api/v1/comparisons/{world.open_pair.pk}").status_code == 404
    assert Client().get("/api/v1/comparisons").json()["count"] == 0


@pytest.mark.parametrize("pk", ["0", "abc", str(2**70)])
def test_bad_ids(world, pk):
    assert Client().get(f"/api/v1/comparisons/{pk}").status_code in (404, 422)
