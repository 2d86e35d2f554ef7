import pytest

from satudata.apps.demo import statistics as statistics_demo
from satudata.apps.demo.organisations import ensure_organisations
from satudata.apps.indicators import demo
from satudata.apps.indicators.models import Indicator, Value
from satudata.platform.testing.factories import make_dataset, make_version, publish

pytestmark = pytest.mark.django_db


def stunting_dataset():
    """The demo dataset's layout (headers as the ingest keeps them), with two kecamatan."""
    dataset = make_dataset(
        ensure_organisations()["dinkes"],
        published=False,
        title="Prevalensi Balita Stunting per Kecamatan",
    )
    fields = [
        {"name": "tahun", "title": "Tahun", "type": "integer"},
        {"name": "kode_wilayah", "title": "Kode Wilayah", "type": "string"},
        {"name": "balita_diukur", "title": "Balita Diukur", "type": "integer"},
        {"name": "balita_stunting", "title": "Balita Stunting", "type": "integer"},
    ]
    for year, stunted in ((2023, [10, 30]), (2024, [8, 22])):
        columns = {
            "tahun": [year, year],
            "kode_wilayah": ["36.71.01", "36.71.02"],
            "balita_diukur": [100, 200],
            "balita_stunting": stunted,
        }
        publish(dataset, make_version(dataset, columns, fields=fields))


def test_the_demo_adds_computed_and_entered_indicators_once():
    statistics_demo.load()
    stunting_dataset()
    assert demo.load() == 2
    assert demo.load() == 0
    stunting = Indicator.objects.get(name="Prevalensi Balita Stunting")
    city = dict(
        Value.objects.filter(indicator=stunting, level="kota").values_list("period", "value")
    )
    assert city == {"2023": pytest.approx(40 / 3), "2024": pytest.approx(10.0)}
    assert stunting.indikator.nama == "Prevalensi stunting balita"
    assert stunting.targets.count() == 3
    ikm = Indicator.objects.get(name="Indeks Kepuasan Masyarakat")
    assert ikm.values.count() == 4 and "data contoh" in ikm.values.first().source
