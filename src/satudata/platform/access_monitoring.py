"""Who sees the monitoring dashboard, an OPD's page and its Daftar Data (part of the access gate).

The walidata and the pembina see every OPD's figures (counted over the datasets each may see);
the staff of an OPD see their own OPD's page and Daftar Data; nobody else sees any of it."""

from typing import Any

from satudata.platform.access import Viewer


def sees_dashboard(viewer: Viewer) -> bool:
    return viewer.is_walidata or viewer.is_pembina


def sees_organisation(viewer: Viewer, organisation: Any) -> bool:
    if sees_dashboard(viewer):
        return True
    return viewer.is_producer and viewer.organisation_id == organisation.pk


def plans_for(viewer: Viewer, organisation: Any) -> bool:
    return viewer.is_walidata or (viewer.is_producer and viewer.organisation_id == organisation.pk)
