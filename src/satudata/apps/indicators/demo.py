"""The demo's indicators: three computed from the demo's published datasets (stunting and
immunisation per kecamatan, repaired uninhabitable houses per kelurahan), each recomputed on
every new version, and one entered by hand with its source (the public satisfaction index).
Targets are the demo's RPJMD targets. Every figure is data contoh. Made through the app's
actions by the demo accounts; loading twice adds nothing."""

from dataclasses import dataclass

from django.db import transaction

from satudata.apps.catalog.models import Dataset
from satudata.apps.demo.organisations import ensure_organisations
from satudata.apps.demo.people import ensure_people
from satudata.apps.indicators import actions
from satudata.apps.indicators.models import Indicator, Level
from satudata.apps.statistics.models import Indikator

RPJMD = "RPJMD Kota Tangerang 2025–2029 (data contoh)"


@dataclass(frozen=True)
class Computed:
    org: str
    dataset: str
    name: str
    unit: str
    description: str
    numerator: str
    denominator: str
    deepest: str
    direction: str
    targets: tuple[tuple[str, float], ...]
    ms_ind: str = ""


COMPUTED = (
    Computed(
        org="dinkes",
        dataset="Prevalensi Balita Stunting per Kecamatan",
        name="Prevalensi Balita Stunting",
        unit="persen",
        description="Persentase balita yang diukur pada bulan penimbangan dengan tinggi badan "
        "menurut umur kurang dari -2 standar deviasi median WHO.",
        numerator="Balita Stunting",
        denominator="Balita Diukur",
        deepest=Level.KECAMATAN,
        direction=Indicator.Direction.DOWN,
        targets=(("2024", 9.0), ("2025", 8.0), ("2026", 7.0)),
        ms_ind="Prevalensi stunting balita",
    ),
    Computed(
        org="dinkes",
        dataset="Cakupan Imunisasi Dasar Lengkap per Kecamatan",
        name="Cakupan Imunisasi Dasar Lengkap",
        unit="persen",
        description="Persentase bayi sasaran yang mendapat imunisasi dasar lengkap.",
        numerator="Bayi Imunisasi Dasar Lengkap",
        denominator="Sasaran Bayi",
        deepest=Level.KECAMATAN,
        direction=Indicator.Direction.UP,
        targets=(("2024", 95.0), ("2025", 96.0)),
    ),
    Computed(
        org="perkim",
        dataset="Jumlah Rumah Tidak Layak Huni per Kelurahan",
        name="Persentase Rumah Tidak Layak Huni yang Diperbaiki",
        unit="persen",
        description="Rumah tidak layak huni yang diperbaiki melalui program bedah rumah, "
        "dibanding yang terdata pada tahun yang sama.",
        numerator="RTLH Diperbaiki",
        denominator="RTLH Terdata",
        deepest=Level.KELURAHAN,
        direction=Indicator.Direction.UP,
        targets=(("2025", 20.0), ("2026", 22.0)),
    ),
)

IKM_VALUES = "\n".join(
    f"{year};;{value};Survei Kepuasan Masyarakat Bappeda {year} (data contoh)"
    for year, value in ((2021, "81,2"), (2022, "82,4"), (2023, "83,1"), (2024, "84,6"))
)


def _column(dataset: Dataset, title: str) -> str:
    """The column name the ingest gave to the header `title`."""
    fields = dataset.published_version.fields
    return next((f["name"] for f in fields if f.get("title") == title), "")


def _computed(spec: Computed, organisations: dict, people: dict) -> bool:
    organisation = organisations[spec.org]
    if Indicator.objects.filter(organisation=organisation, name=spec.name).exists():
        return False
    dataset = Dataset.objects.filter(
        organisation=organisation, title=spec.dataset, published_version__isnull=False
    ).first()
    if dataset is None:
        return False
    numerator, denominator = _column(dataset, spec.numerator), _column(dataset, spec.denominator)
    producer = people[spec.org]
    indicator = actions.check_save_indicator(
        user=producer,
        definition=actions.Definition(
            name=spec.name,
            unit=spec.unit,
            method=Indicator.Method.COMPUTED,
            description=spec.description,
            decimals=2,
            direction=spec.direction,
            dataset=dataset,
            formula=f"sum({numerator}) / sum({denominator}) * 100",
            wilayah_column=_column(dataset, "Kode Wilayah"),
            period_column=_column(dataset, "Tahun"),
            deepest_level=spec.deepest,
            indikator=Indikator.objects.filter(nama=spec.ms_ind).first() if spec.ms_ind else None,
            published=True,
        ),
        organisation=organisation,
    )
    for period, value in spec.targets:
        actions.check_save_target(
            user=producer, indicator=indicator, period=period, value=value, source=RPJMD
        )
    return True


def _entered(organisations: dict, people: dict) -> bool:
    organisation = organisations["bappeda"]
    name = "Indeks Kepuasan Masyarakat"
    if Indicator.objects.filter(organisation=organisation, name=name).exists():
        return False
    producer = people["bappeda"]
    indicator = actions.check_save_indicator(
        user=producer,
        definition=actions.Definition(
            name=name,
            unit="indeks",
            method=Indicator.Method.ENTERED,
            description="Indeks kepuasan pengguna layanan publik Pemerintah Kota Tangerang, "
            "skala 0–100, dari survei kepuasan masyarakat tahunan.",
            published=True,
        ),
        organisation=organisation,
    )
    actions.check_enter_values(user=producer, indicator=indicator, text=IKM_VALUES)
    for period, value in (("2025", 85.0), ("2026", 86.0)):
        actions.check_save_target(
            user=producer, indicator=indicator, period=period, value=value, source=RPJMD
        )
    return True


@transaction.atomic
def load() -> int:
    """Add the demo indicators that are missing (and whose datasets are published); returns
    how many were added."""
    organisations = ensure_organisations()
    people = ensure_people(organisations)
    added = sum(_computed(spec, organisations, people) for spec in COMPUTED)
    return added + _entered(organisations, people)
