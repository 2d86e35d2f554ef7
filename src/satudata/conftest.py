from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _isolated_files(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Each Django test stores its files in its own folder (engine tests need no Django)."""
    if "engines" in request.node.path.parts:
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English (the msgids) for tests that read them; pages and API clients pick
    their language per request instead (an `accept-language: en` header)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language: a page requested in English by one test
    (the locale middleware activates the request's language in the thread) must not make the
    next test on the same worker read English labels."""
    yield
    translation.deactivate()
