"""schemathesis drives the comparison operations, with comparisons of every access level in
the database, as an anonymous client and with a produsen's token: no 5xx, everything as
documented."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from satudata.apps.accounts.tokens import create_token

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

FUZZ = hypothesis_settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str], ids: list[int]) -> None:
    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers)
        if case.path_parameters and mode == GenerationMode.POSITIVE:
            for pk in ids:
                case.path_parameters = {"id": pk}
                case.call_and_validate(headers=headers)

    run()


def test_comparison_operations_keep_their_contract(world, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    ids = [world.open_pair.pk, world.closed_pair.pk, world.restricted_pair.pk]
    token = create_token(world.dukcapil_user, "fuzz")[1]
    operations = [
        result.ok() for result in schema.get_all_operations() if "/comparisons" in result.ok().path
    ]
    assert len(operations) == 2
    failures = []
    for operation in operations:
        for headers in ({}, {"Authorization": f"Bearer {token}"}):
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    fuzz(operation, mode, headers, ids)
                except (Exception, BaseExceptionGroup) as exc:
                    failures.append(f"{operation.label} [{mode.value}] {bool(headers)}: {exc}")
    assert not failures, "\n\n".join(failures)
