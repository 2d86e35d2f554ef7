from collections.abc import Iterator

import pytest
from pytest_django import Settings

from satudata.apps.harvest.tests.remote import Remote, serve


@pytest.fixture
def remote(settings: Settings) -> Iterator[Remote]:
    """A remote portal on this machine, which the portal may reach only because it is allowed."""
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    with serve(Remote()) as running:
        yield running
