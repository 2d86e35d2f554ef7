import pytest

from satudata.apps.usage import actions


@pytest.fixture(autouse=True)
def empty_buffer(settings):
    """Each test starts with nothing counted and flushes only when it asks to."""
    settings.USAGE_FLUSH_SECONDS = 3600
    settings.USAGE_FLUSH_HITS = 10_000
    actions.BUFFER.take()
    yield
    actions.BUFFER.take()
