from satudata.apps.monitoring.models.planning import (
    DaftarData,
    PlannedElement,
    PrioritasDesignation,
)
from satudata.apps.monitoring.models.quality import DatasetQuality, Release, Reminder

__all__ = [
    "DaftarData",
    "DatasetQuality",
    "PlannedElement",
    "PrioritasDesignation",
    "Release",
    "Reminder",
]
