from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLevel(models.TextChoices):
    TERBUKA = "terbuka", _("Open (terbuka)")
    TERBATAS = "terbatas", _("Restricted (terbatas)")
    TERTUTUP = "tertutup", _("Closed (tertutup)")


ACCESS_RANK = {AccessLevel.TERBUKA: 0, AccessLevel.TERBATAS: 1, AccessLevel.TERTUTUP: 2}


def stricter(a: str, b: str) -> str:
    return a if ACCESS_RANK[AccessLevel(a)] >= ACCESS_RANK[AccessLevel(b)] else b


class Licence(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA_4 = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "cc0-1.0", _("Creative Commons Zero (CC0 1.0)")
    ODBL = "odbl-1.0", _("Open Data Commons ODbL 1.0")
    BAGI_PAKAI = "bagi-pakai", _("Data sharing agreement (bagi pakai)")
    INTERNAL = "internal", _("Internal use only")


OPEN_LICENCES = {Licence.CC_BY_4, Licence.CC_BY_SA_4, Licence.CC0, Licence.ODBL}
DEFAULT_LICENCE = {
    AccessLevel.TERBUKA: Licence.CC_BY_4,
    AccessLevel.TERBATAS: Licence.BAGI_PAKAI,
    AccessLevel.TERTUTUP: Licence.INTERNAL,
}


class Frekuensi(models.TextChoices):
    HARIAN = "harian", _("daily")
    MINGGUAN = "mingguan", _("weekly")
    BULANAN = "bulanan", _("monthly")
    TRIWULANAN = "triwulanan", _("quarterly")
    SEMESTERAN = "semesteran", _("every six months")
    TAHUNAN = "tahunan", _("yearly")
    LIMA_TAHUNAN = "lima_tahunan", _("every five years")
    TIDAK_TENTU = "tidak_tentu", _("irregular")


FREKUENSI_DAYS = {
    Frekuensi.HARIAN: 1,
    Frekuensi.MINGGUAN: 7,
    Frekuensi.BULANAN: 31,
    Frekuensi.TRIWULANAN: 92,
    Frekuensi.SEMESTERAN: 183,
    Frekuensi.TAHUNAN: 366,
    Frekuensi.LIMA_TAHUNAN: 1827,
}


class LevelPenyajian(models.TextChoices):
    KOTA = "kota", _("city")
    KECAMATAN = "kecamatan", _("kecamatan")
    KELURAHAN = "kelurahan", _("kelurahan")


class JenisStatistik(models.TextChoices):
    DASAR = "dasar", _("basic statistics (dasar)")
    SEKTORAL = "sektoral", _("sectoral statistics (sektoral)")
    KHUSUS = "khusus", _("special statistics (khusus)")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    DIAJUKAN = "diajukan", _("submitted")
    DIKEMBALIKAN = "dikembalikan", _("returned")
    MENUNGGU_PEMBINA = "menunggu_pembina", _("awaiting pembina review")
    DITERBITKAN = "diterbitkan", _("published")
