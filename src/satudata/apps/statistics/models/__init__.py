from satudata.apps.statistics.models.gsbpm import Bukti, Proses, ProsesStatus
from satudata.apps.statistics.models.kegiatan import Indikator, Kegiatan, Variabel
from satudata.apps.statistics.models.links import DatasetKegiatan
from satudata.apps.statistics.models.romantik import OUTCOMES, Romantik, RomantikStatus

__all__ = [
    "OUTCOMES",
    "Bukti",
    "DatasetKegiatan",
    "Indikator",
    "Kegiatan",
    "Proses",
    "ProsesStatus",
    "Romantik",
    "RomantikStatus",
    "Variabel",
]
