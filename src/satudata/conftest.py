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
