from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_files(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Each Django test stores its files in its own folder (engine tests need no Django)."""
    if "engines" in request.node.path.parts:
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "files"
