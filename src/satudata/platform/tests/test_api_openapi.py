import re
from types import SimpleNamespace

import pytest
from django.http import HttpResponse, JsonResponse

from satudata.platform.testing.factories import make_org, make_user
from satudata.platform.testing.openapi import (
    OpenAPIClient,
    OpenAPIMismatch,
    check_response,
    document,
    session_client,
)

pytestmark = pytest.mark.django_db

ENVELOPE = "#/components/schemas/ErrorEnvelope"


def operations():
    for path, methods in document()["paths"].items():
        for method, spec in methods.items():
            yield f"{method.upper()} {path}", spec


def test_every_operation_documents_the_envelope_for_401_and_429():
    seen = 0
    for label, spec in operations():
        seen += 1
        for code in ("401", "429"):
            assert code in spec["responses"], f"{label} does not document {code}"
        for code, answer in spec["responses"].items():
            if int(code) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": ENVELOPE}, f"{label} {code}"
        if spec.get("parameters") or spec.get("requestBody"):
            assert "422" in spec["responses"], label
    assert seen >= 15


def test_published_data_documents_304():
    for label, spec in operations():
        if re.match(r"GET /api/v1/datasets/\{slug\}(/versions.*)?$", label) and "data" not in label:
            assert "304" in spec["responses"], label


def test_the_checker_refuses_what_the_document_does_not_say():
    ok = JsonResponse({"count": 0, "next": None, "previous": None, "results": []})
    check_response("GET", "/api/v1/topics", ok)
    with pytest.raises(OpenAPIMismatch, match="status not documented"):
        check_response("GET", "/api/v1/topics", HttpResponse(status=418))
    with pytest.raises(OpenAPIMismatch, match="required property"):
        check_response("GET", "/api/v1/topics", JsonResponse({"count": 0}))
    with pytest.raises(OpenAPIMismatch, match="media type"):
        check_response("GET", "/api/v1/topics", HttpResponse("<p>", content_type="text/html"))
    wrong = JsonResponse({"error": {"code": 1, "message": "x"}}, status=404)
    with pytest.raises(OpenAPIMismatch, match="error/code"):
        check_response("GET", "/api/v1/topics/x", wrong)
    with pytest.raises(OpenAPIMismatch, match="no documented operation"):
        check_response("GET", "/api/v1/nothing/here", SimpleNamespace(status_code=200))


def test_interactive_docs_load_nothing_from_a_cdn():
    response = OpenAPIClient().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r"(src|href)=\"https?://", html)
    assert OpenAPIClient().get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_a_session_write_without_csrf_is_403_and_without_a_session_401():
    user = make_user(make_org(), "produsen")
    client = session_client(user)
    client.handler.enforce_csrf_checks = True
    refused = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    anonymous = OpenAPIClient(enforce_csrf_checks=True)
    answer = anonymous.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert answer.status_code == 401


def test_token_expiry_is_given_in_days():
    user = make_user(make_org(), "produsen")
    api = session_client(user)
    made = api.post(
        "/api/v1/tokens", {"name": "SIMPUS", "expires_in_days": 30}, content_type="application/json"
    )
    assert made.status_code == 201
    assert made.json()["expires_at"] is not None
    too_long = api.post(
        "/api/v1/tokens", {"name": "x", "expires_in_days": 99999}, content_type="application/json"
    )
    assert too_long.status_code == 422
    blank = api.post("/api/v1/tokens", {"name": "  "}, content_type="application/json")
    assert blank.status_code == 422


def test_a_body_that_is_not_json_is_400_in_the_envelope():
    api = session_client(make_user(make_org(), "produsen"))
    response = api.post("/api/v1/tokens", "{nama", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
