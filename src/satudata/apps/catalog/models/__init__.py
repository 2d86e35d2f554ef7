from satudata.apps.catalog.models.attachments import Attachment
from satudata.apps.catalog.models.choices import (
    AccessLevel,
    Frekuensi,
    JenisStatistik,
    LevelPenyajian,
    Licence,
    State,
)
from satudata.apps.catalog.models.datasets import Dataset, Tag, Topic
from satudata.apps.catalog.models.uploads import Upload
from satudata.apps.catalog.models.versions import Transition, Version

__all__ = [
    "AccessLevel",
    "Attachment",
    "Dataset",
    "Frekuensi",
    "JenisStatistik",
    "LevelPenyajian",
    "Licence",
    "State",
    "Tag",
    "Topic",
    "Transition",
    "Upload",
    "Version",
]
