"""Who may use the Big Data module (docs/bigdata.md).

Posts and complaints are tertutup: only the walidata and the Big Data team — the produsen data
and walidata pendukung of the walidata's own organisation (Diskominfo) — upload sources, run
the analysis, read the (masked) posts and correct their labels. Nobody else sees anything of
the module; what leaves it are aggregates published as catalogue datasets through the normal
pemeriksaan, which then follow the dataset's own access level."""

from satudata.platform.access import Viewer


def can_use(viewer: Viewer) -> bool:
    if viewer.is_walidata:
        return True
    return viewer.is_producer and viewer.organisation_kind == "walidata"


def can_publish(viewer: Viewer) -> bool:
    """Publishing aggregates makes a dataset of the team's organisation: a produsen's job."""
    return can_use(viewer) and viewer.is_producer
