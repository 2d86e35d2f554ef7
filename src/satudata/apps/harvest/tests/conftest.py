from collections.abc import Iterator

import pytest

from satudata.apps.harvest.tests.remote import Remote, serve


@pytest.fixture
def remote() -> Iterator[Remote]:
    with serve(Remote()) as running:
        yield running
