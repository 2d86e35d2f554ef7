import pytest

from satudata.apps.accounts.models import ApiToken
from satudata.platform.testing.factories import make_org, make_user
from satudata.platform.testing.openapi import OpenAPIClient as Client
from satudata.platform.testing.openapi import session_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def produsen():
    return make_user(make_org("opd"), "produsen")


def test_token_lifecycle_over_the_api(produsen):
    client = session_client(produsen)
    created = client.post("/api/v1/tokens", {"name": "SIMPUS"}, content_type="application/json")
    assert created.status_code == 201
    raw = created.json()["token"]
    stored = ApiToken.objects.get(pk=created.json()["id"])
    assert raw not in (stored.digest, stored.prefix)
    assert raw.startswith(stored.prefix)

    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    me = bearer.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["username"] == produsen.username
    assert me.json()["roles"] == ["produsen"]
    listed = bearer.get("/api/v1/tokens").json()
    assert [t["name"] for t in listed] == ["SIMPUS"]
    assert "token" not in listed[0]

    assert bearer.delete(f"/api/v1/tokens/{stored.pk}").status_code == 204
    refused = bearer.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthenticated"


def test_a_wrong_token_is_refused_even_on_public_endpoints():
    response = Client(HTTP_AUTHORIZATION="Bearer sdk_palsu").get("/api/v1/datasets")
    assert response.status_code == 401
    assert set(response.json()) == {"error"}


def test_me_needs_a_user():
    response = Client().get("/api/v1/me")
    assert response.status_code == 401


def test_tokens_of_others_cannot_be_revoked(produsen):
    other = make_user(make_org("opd"), "produsen")
    created = session_client(other).post(
        "/api/v1/tokens", {"name": "lain"}, content_type="application/json"
    )
    client = session_client(produsen)
    response = client.delete(f"/api/v1/tokens/{created.json()['id']}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("days", [True, "30", 1.5, 0, 4000])
def test_a_token_lifetime_must_be_a_whole_number_of_days(produsen, days):
    client = session_client(produsen)
    body = {"name": "SIMPUS", "expires_in_days": days}
    response = client.post("/api/v1/tokens", body, content_type="application/json")
    assert response.status_code == 422
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", [30, 30.0])
def test_a_token_lifetime_is_any_json_whole_number(produsen, days):
    client = session_client(produsen)
    body = {"name": "SIMPUS", "expires_in_days": days}
    response = client.post("/api/v1/tokens", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["expires_at"] is not None
