"""A test client that holds the API to its OpenAPI document: every response under /api/v1/
must have a status code the operation documents, a documented media type and, for JSON, a body
that validates against the operation's response schema (with `$ref`s into components/schemas).
Every API test uses it, so the document cannot drift from what the endpoints do."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.test import Client
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

API_PREFIX = "/api/v1/"
NOT_OPERATIONS = ("/api/v1/openapi.json", "/api/v1/docs")


class OpenAPIMismatch(AssertionError):
    """A response that the OpenAPI document does not describe."""


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    spec: dict[str, Any]


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """The OpenAPI document exactly as clients get it."""
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200, response.status_code
    return response.json()


@lru_cache(maxsize=1)
def _matchers() -> list[tuple[re.Pattern[str], str, int]]:
    found = []
    for template in document()["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        literal = len(re.sub(r"\{[^}]+\}", "", template))
        found.append((re.compile(f"^{pattern}$"), template, literal))
    return sorted(found, key=lambda m: -m[2])


def find_operation(path: str, method: str) -> Operation | None:
    """The documented operation answering `method path`, or None for a path not documented."""
    for pattern, template, _literal in _matchers():
        if pattern.match(path):
            spec = document()["paths"][template].get(method.lower())
            if spec is None:
                return None
            return Operation(template, method.upper(), spec)
    return None


def _media_type(response: Any) -> str:
    return response.get("Content-Type", "").split(";")[0].strip()


def check_response(method: str, path: str, response: Any) -> None:
    """Raise OpenAPIMismatch unless `response` is what the document promises."""
    if not path.startswith(API_PREFIX) or path.startswith(NOT_OPERATIONS):
        return
    operation = find_operation(path, method)
    where = f"{method} {path} → {response.status_code}"
    if operation is None:
        if response.status_code in (404, 405):
            return
        raise OpenAPIMismatch(f"{where}: no documented operation")
    responses = operation.spec.get("responses", {})
    documented = responses.get(str(response.status_code), responses.get("default"))
    if documented is None:
        raise OpenAPIMismatch(f"{where}: status not documented ({sorted(responses)})")
    content = documented.get("content")
    if not content:
        if not getattr(response, "streaming", False) and response.content:
            raise OpenAPIMismatch(f"{where}: documented without a body, but has one")
        return
    media = _media_type(response)
    if media not in content:
        raise OpenAPIMismatch(f"{where}: media type {media!r} not in {sorted(content)}")
    schema = content[media].get("schema")
    if media != "application/json" or schema is None or getattr(response, "streaming", False):
        return
    validate_body(json.loads(response.content), schema, where)


def validate_body(body: Any, schema: dict[str, Any], where: str = "") -> None:
    """Validate `body` against `schema`, resolving `#/components/...` in the whole document."""
    rooted = {**schema, "components": document().get("components", {})}
    validator = Draft202012Validator(rooted, format_checker=Draft202012Validator.FORMAT_CHECKER)
    try:
        validator.validate(body)
    except ValidationError as exc:
        at = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise OpenAPIMismatch(f"{where}: body at {at}: {exc.message}") from exc


class OpenAPIClient(Client):
    """Django's test client; every /api/v1/ response is checked with `check_response`."""

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        check_response(request["REQUEST_METHOD"], request["PATH_INFO"], response)
        return response


def bearer_client(user: Any, name: str = "uji") -> OpenAPIClient:
    """A client sending a fresh personal token of `user` as `Authorization: Bearer`."""
    from satudata.apps.accounts.tokens import create_token

    _token, raw = create_token(user, name)
    return OpenAPIClient(HTTP_AUTHORIZATION=f"Bearer {raw}")


def session_client(user: Any) -> OpenAPIClient:
    """A client signed in to a browser session as `user`."""
    client = OpenAPIClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
