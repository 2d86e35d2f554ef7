import pytest
from django.core.cache import cache

from satudata.platform import http
from satudata.platform.testing.factories import make_org, make_user
from satudata.platform.testing.openapi import OpenAPIClient, bearer_client, session_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.API_RATE_ANON = "3/minute"
    cache.clear()
    yield
    cache.clear()


def test_anonymous_clients_get_429_in_the_envelope_past_the_limit(limited):
    client = OpenAPIClient()
    answers = [client.get("/api/v1/topics") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert answers[0]["X-RateLimit-Limit"] == "3"
    refused = answers[-1]
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Retry-After"] == refused["X-RateLimit-Reset"]


def test_each_address_has_its_own_window_and_none_is_stored_in_clear(limited):
    for _ in range(3):
        OpenAPIClient(REMOTE_ADDR="10.0.0.1").get("/api/v1/topics")
    assert OpenAPIClient(REMOTE_ADDR="10.0.0.1").get("/api/v1/topics").status_code == 429
    assert OpenAPIClient(REMOTE_ADDR="10.0.0.2").get("/api/v1/topics").status_code == 200
    assert not [k for k in cache._cache if "10.0.0" in str(k)]


def test_signed_in_clients_are_not_limited(limited):
    user = make_user(make_org(), "produsen")
    token = bearer_client(user)
    session = session_client(user)
    for _ in range(5):
        assert token.get("/api/v1/topics").status_code == 200
        assert session.get("/api/v1/me").status_code == 200
    assert "X-RateLimit-Limit" not in token.get("/api/v1/topics")


def test_a_wrong_token_counts_as_anonymous(limited):
    client = OpenAPIClient(HTTP_AUTHORIZATION="Bearer sdk_palsu")
    codes = [client.get("/api/v1/topics").status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_the_limit_is_off_when_the_setting_is_empty(settings):
    settings.API_RATE_ANON = ""
    response = OpenAPIClient().get("/api/v1/topics")
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("120/minute", http.Rate(120, 60)),
        ("10/s", http.Rate(10, 1)),
        ("1000/hour", http.Rate(1000, 3600)),
        ("50/5m", http.Rate(50, 300)),
        ("5 / day", http.Rate(5, 86400)),
        ("0", None),
        ("", None),
        ("0/minute", None),
    ],
)
def test_rates_are_read_from_the_setting(text, rate):
    assert http.parse_rate(text) == rate


def test_a_rate_that_cannot_be_read_is_an_error():
    with pytest.raises(ValueError, match="120/minute"):
        http.parse_rate("banyak")


def test_the_window_is_fixed_and_resets(settings):
    cache.clear()
    rate = http.Rate(2, 60)
    at = 1_000_020.0
    used = [http.count_hit("t", "1.2.3.4", rate, now=at + i) for i in range(3)]
    assert [w.allowed for w in used] == [True, True, False]
    assert used[0].reset_in == 60
    assert not http.count_hit("t", "1.2.3.4", rate, now=at + 59).allowed
    assert http.count_hit("t", "1.2.3.4", rate, now=at + 60).allowed
    cache.clear()


def test_the_client_address_comes_from_trusted_proxies_only(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.1.1.1", REMOTE_ADDR="10.0.0.9")
    settings.API_TRUSTED_PROXIES = 0
    assert http.client_address(request) == "10.0.0.9"
    settings.API_TRUSTED_PROXIES = 1
    assert http.client_address(request) == "1.1.1.1"
    settings.API_TRUSTED_PROXIES = 2
    assert http.client_address(request) == "6.6.6.6"
