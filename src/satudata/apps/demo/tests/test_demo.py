import random
import re
from collections import Counter
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from satudata.apps.accounts.models import Notification, Organisation, User
from satudata.apps.bigdata import demo as bigdata_demo
from satudata.apps.catalog.models import Dataset, State, Transition, Upload
from satudata.apps.codelists.models import Register
from satudata.apps.consistency.models import Comparison
from satudata.apps.demo import layers, loader
from satudata.apps.demo.datasets_city import SPECS as CITY
from satudata.apps.demo.datasets_people import SPECS as PEOPLE
from satudata.apps.demo.figures import population, synthetic_nik
from satudata.apps.demo.people import DEMO_PASSWORD
from satudata.apps.demo.specs import ROLLBACK
from satudata.apps.demo.timeline import Kind, plan
from satudata.apps.monitoring.models import DaftarData, DatasetQuality, Release
from satudata.apps.standards.models import DatasetStandard, Standard
from satudata.platform import access, audit

BIG_DATA = 1  # the published aggregates of the Big Data demo

NOW = datetime(2026, 11, 21, tzinfo=UTC)
ALL_STATES = {"draft", "diajukan", "dikembalikan", "menunggu_pembina", "diterbitkan"}


@pytest.fixture
def places(db):
    return loader.places_from_registry()


def by_title(title):
    return next(spec for spec in loader.SPECS if spec.title == title)


def run_demo(**options) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_the_catalogue_covers_every_state_access_level_and_level():
    specs = loader.SPECS
    assert 40 <= len(specs) <= 50
    assert len({(s.org, s.title) for s in specs}) == len(specs)
    assert {s.end for s in specs} == (ALL_STATES | {ROLLBACK})
    assert {s.access for s in specs} == {"terbuka", "terbatas", "tertutup"}
    assert {s.level for s in specs} == {"kota", "kecamatan", "kelurahan"}
    assert {2024, 2025} <= {year for s in specs for year in s.prioritas}
    assert all(s.prioritas for s in specs if s.end == "menunggu_pembina")
    assert all(len(s.years) >= 2 for s in specs if s.end == ROLLBACK)
    assert sum(len(s.years) for s in specs) >= 2 * len(specs)
    assert set(PEOPLE) | set(CITY) == set(specs)


def test_the_city_has_about_1_9_million_residents_in_every_table(places):
    residents = by_title("Jumlah Penduduk menurut Kelurahan dan Jenis Kelamin")
    for year in (2022, 2024):
        table = residents.table(places, year, residents.title)
        assert len(table.rows) == 104
        assert all(male + female == total for *_rest, male, female, total in table.rows)
        total = sum(row[-1] for row in table.rows)
        assert abs(total - population(year)) / population(year) < 0.02
    assert 1.85e6 < population(2024) < 1.95e6


def test_figures_are_the_same_each_time_and_change_from_year_to_year(places):
    spec = by_title("Jumlah Sekolah, Murid dan Guru SMP per Kecamatan")
    first = spec.table(places, 2023, spec.title)
    assert first == spec.table(places, 2023, spec.title)
    assert first.rows != spec.table(places, 2024, spec.title).rows
    assert [row[1] for row in first.rows] == [f"36.71.{n:02d}" for n in range(1, 14)]


def test_coverage_percentages_follow_from_their_counts(places):
    spec = by_title("Prevalensi Balita Stunting per Kecamatan")
    for *_names, measured, stunted, percent in spec.table(places, 2024, spec.title).rows:
        assert stunted <= measured
        assert percent == round(100 * stunted / measured, 2)


def test_synthetic_nik_can_never_be_a_real_one():
    rng = random.Random(1)
    numbers = {synthetic_nik(rng, "36.71.05") for _n in range(200)}
    assert all(re.fullmatch(r"99710[5]\d{10}", n) for n in numbers)
    spec = by_title("Daftar Pasien Tuberkulosis per Puskesmas")
    assert spec.access == "tertutup"
    assert "sintetis" in spec.description


def test_patients_on_treatment_carry_over_to_the_next_year(places):
    spec = by_title("Daftar Pasien Tuberkulosis per Puskesmas")
    ongoing = {r[3] for r in spec.table(places, 2023, spec.title).rows if r[-1] == "Masih Berobat"}
    later = {r[3]: r[-1] for r in spec.table(places, 2024, spec.title).rows}
    assert ongoing
    assert ongoing <= set(later)
    assert all(later[nik] != "Masih Berobat" for nik in ongoing)


def test_the_timeline_is_in_date_order_and_ends_in_the_past():
    steps = plan(loader.SPECS, NOW)
    assert steps == sorted(steps)
    assert steps[-1].at < NOW
    assert all(step.at.weekday() < 5 for step in steps if step.kind is Kind.CREATE)
    per_dataset: dict[int, list] = {}
    for step in steps:
        per_dataset.setdefault(step.spec, []).append(step)
    for index, spec in enumerate(loader.SPECS):
        kinds = [s.kind for s in per_dataset[index]]
        assert kinds[0] is Kind.CREATE
        assert kinds.count(Kind.UPLOAD) == len(spec.years) + spec.returned_once
        assert (Kind.ROLLBACK in kinds) is (spec.end == ROLLBACK)


def test_the_timeline_moves_back_when_the_clock_is_earlier():
    early = datetime(2025, 6, 1, tzinfo=UTC)
    assert plan(loader.SPECS, early)[-1].at < early


@pytest.mark.django_db
def test_load_demo_refuses_outside_demo_mode(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="SATUDATA_DEMO"):
        run_demo()
    assert not Dataset.objects.exists()


SUBSET = (
    "Jumlah Penduduk menurut Kelurahan dan Jenis Kelamin",
    "Jumlah Kunjungan Pasien Puskesmas per Bulan",
    "Realisasi Belanja Daerah menurut Urusan",
    "Rekapitulasi Data Terpadu Kesejahteraan Sosial per Kecamatan",
    "Daftar Pasien Tuberkulosis per Puskesmas",
    "Jumlah Kartu Keluarga per Kecamatan",
)


@pytest.fixture
def few_specs(monkeypatch):
    monkeypatch.setattr(loader, "SPECS", tuple(by_title(t) for t in SUBSET))


@pytest.mark.django_db
def test_a_forced_load_outside_demo_mode_gives_no_usable_passwords(settings, few_specs):
    settings.DEMO = False
    run_demo(force=True)
    walidata = User.objects.get(username="walidata")
    assert not walidata.has_usable_password()
    assert Dataset.objects.count() == len(SUBSET) + len(layers.LAYERS) + BIG_DATA


@pytest.mark.django_db
def test_the_demo_goes_through_uploads_and_the_workflow(
    settings, few_specs, django_capture_on_commit_callbacks
):
    settings.DEMO = True
    with django_capture_on_commit_callbacks(execute=True):
        out = run_demo()
    assert mail.outbox == []
    assert Notification.objects.filter(user__username="walidata", verb="submitted").exists()
    assert "demo12345" in out
    assert User.objects.get(username="dinkes").check_password(DEMO_PASSWORD)
    tables = Dataset.objects.exclude(published_version__geo__has_key="path")
    datasets = {d.title: d for d in tables.exclude(title=bigdata_demo.publish.TITLE)}
    assert set(datasets) == set(SUBSET)
    assert all(d.description.endswith("(data contoh)") for d in datasets.values())

    residents = datasets[SUBSET[0]]
    assert residents.state == State.DITERBITKAN
    assert residents.versions.count() == 4
    assert residents.published_version.number == 4
    fields = [f["name"] for f in residents.published_version.fields]
    assert "jumlah_penduduk_jiwa_laki_laki" in fields
    assert residents.published_version.source_name.endswith(".xlsx")
    assert residents.transitions.filter(kind="publish", actor__username="bps").count() == 4

    visits = datasets[SUBSET[1]]
    kinds = list(visits.transitions.order_by("at", "id").values_list("kind", flat=True))
    assert kinds[-6:] == ["new_version", "submit", "return", "new_version", "submit", "publish"]
    assert visits.state == State.DITERBITKAN
    assert visits.versions.count() == 4

    budget = datasets[SUBSET[2]]
    assert budget.transitions.filter(kind="rollback").count() == 1
    assert budget.published_version.number == 2
    assert budget.versions.count() == 3

    assert datasets[SUBSET[3]].state == State.MENUNGGU_PEMBINA
    assert datasets[SUBSET[5]].state == State.DIAJUKAN
    assert Upload.objects.exclude(status=Upload.Status.ACCEPTED).count() == 0
    assert audit.verify_chain()[1] == []
    history = list(Transition.objects.order_by("id").values_list("at", flat=True))
    assert history[0].year == 2023
    assert history[-1] < NOW

    maps = Dataset.objects.filter(published_version__geo__has_key="path").order_by("title")
    assert [(d.title, d.state, d.published_version.geo["family"]) for d in maps] == [
        ("Batas Wilayah Kelurahan Kota Tangerang", State.DITERBITKAN, "polygon"),
        ("Titik Pusat Kelurahan Kota Tangerang", State.DITERBITKAN, "point"),
    ]
    assert all(d.published_version.rows == 104 for d in maps)

    assert DaftarData.objects.filter(state="disetujui").exists()
    assert DaftarData.objects.filter(state="draf").exists()
    assert Release.objects.filter(dataset=visits, returns=1).exists()
    assert DatasetQuality.objects.count() == Dataset.objects.count()

    again = run_demo()
    assert "already loaded" in again
    assert Dataset.objects.count() == len(SUBSET) + len(layers.LAYERS) + BIG_DATA


@pytest.mark.django_db
def test_the_closed_demo_data_stays_with_its_producer(settings, few_specs):
    settings.DEMO = True
    run_demo()
    patients = Dataset.objects.get(title=SUBSET[4])
    public = access.datasets(access.ANONYMOUS)
    province = access.datasets(access.viewer_for(User.objects.get(username="banten")))
    assert patients not in public
    assert patients not in province
    assert patients in access.datasets(access.viewer_for(User.objects.get(username="dinkes")))


@pytest.mark.slow
@pytest.mark.django_db
def test_the_whole_demo_loads_every_state_and_is_idempotent(settings):
    settings.DEMO = True
    run_demo()
    states = Counter(Dataset.objects.values_list("state", flat=True))
    assert set(states) == ALL_STATES
    assert Dataset.objects.count() == len(loader.SPECS) + len(layers.LAYERS) + BIG_DATA
    assert Organisation.objects.filter(kind="pembina").exists()
    assert Organisation.objects.count() >= 22
    assert Transition.objects.filter(kind="rollback").count() == 3
    assert audit.verify_chain()[1] == []
    assert Register.objects.count() == 2
    assert Comparison.objects.filter(variable__startswith="Jumlah penduduk").count() == 1
    adoption = DatasetStandard.objects.select_related("dataset").get()
    assert adoption.dataset.published_version.conformances.exists()
    counts = (
        Dataset.objects.count(),
        Upload.objects.count(),
        User.objects.count(),
        Register.objects.count(),
        Comparison.objects.count(),
        Standard.objects.count(),
        DatasetStandard.objects.count(),
    )
    run_demo()
    assert (
        Dataset.objects.count(),
        Upload.objects.count(),
        User.objects.count(),
        Register.objects.count(),
        Comparison.objects.count(),
        Standard.objects.count(),
        DatasetStandard.objects.count(),
    ) == counts
