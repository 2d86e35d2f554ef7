"""The demo's comparison: Disdukcapil reports the male population per kecamatan twice, in
"Jumlah Penduduk menurut Kelompok Umur per Kecamatan" (summed over the age groups) and in
"Jumlah Penduduk menurut Kelurahan dan Jenis Kelamin" (summed from kelurahan up to kecamatan).
The first is republished at an older year (the demo's rollback), so a few kecamatan differ by
more than the 3% tolerance: the "data not in sync" a city sees. All figures are data contoh."""

from django.db import transaction

from satudata.apps.accounts.models import User
from satudata.apps.catalog.models import Dataset
from satudata.apps.consistency.actions import (
    Declaration,
    SideSpec,
    check_declare_comparison,
)
from satudata.apps.consistency.models import Comparison, WilayahLevel

ORG = "disdukcapil"
BY_AGE = "Jumlah Penduduk menurut Kelompok Umur per Kecamatan"
BY_KELURAHAN = "Jumlah Penduduk menurut Kelurahan dan Jenis Kelamin"
VARIABLE = "Jumlah penduduk laki-laki per kecamatan"


def _dataset(title: str) -> Dataset | None:
    return (
        Dataset.objects.filter(organisation__slug=ORG, title=title, published_version__isnull=False)
        .select_related("published_version")
        .first()
    )


@transaction.atomic
def load_demo() -> int:
    """Declare the demo comparison when its datasets are there; returns how many were declared
    (0 when it exists already or the demo datasets are missing)."""
    a, b = _dataset(BY_AGE), _dataset(BY_KELURAHAN)
    walidata = User.objects.filter(username="walidata").first()
    if a is None or b is None or walidata is None:
        return 0
    if Comparison.objects.filter(dataset_a=a, dataset_b=b, variable=VARIABLE).exists():
        return 0
    check_declare_comparison(
        walidata,
        Declaration(
            variable=VARIABLE,
            a=SideSpec(a, value="laki_laki", wilayah="kode_wilayah"),
            b=SideSpec(b, value="jumlah_penduduk_jiwa_laki_laki", wilayah="kode_wilayah"),
            tolerance_percent=3.0,
            wilayah_level=WilayahLevel.KECAMATAN,
            note="Data contoh. Kedua tabel dari Disdukcapil; tabel kelompok umur diterbitkan "
            "ulang pada tahun yang lebih lama, sehingga beberapa kecamatan tidak sinkron.",
        ),
    )
    return 1
