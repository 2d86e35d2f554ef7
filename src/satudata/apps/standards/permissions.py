"""Who may write standards and adopt them (reading the catalogue is public)."""

from typing import Any

from satudata.platform import access
from satudata.platform.access import Viewer


def can_manage(viewer: Viewer) -> bool:
    """Create standards: the pembina data and the walidata."""
    return viewer.is_pembina or viewer.is_walidata


def can_edit_standard(viewer: Viewer, standard: Any) -> bool:
    """Edit, publish and retire: the walidata, or a pembina of the standard's organisation."""
    if viewer.is_walidata:
        return True
    return viewer.is_pembina and viewer.organisation_id == standard.organisation_id


def can_adopt(viewer: Viewer, dataset: Any) -> bool:
    """Adopt a standard for a dataset: its produsen, or the walidata."""
    return access.can_edit(viewer, dataset) or viewer.is_walidata
