"""The demo's data standard: published through the actions, adopted by the demo dataset, its
conformance on the dataset page, and loaded only once."""

import pytest
from django.test import Client

from satudata.apps.demo import loader
from satudata.apps.standards import demo
from satudata.apps.standards.models import Conformance, DatasetStandard, Standard
from satudata.platform import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_dataset(monkeypatch):
    spec = next(s for s in loader.SPECS if s.title == demo.DATASET)
    monkeypatch.setattr(loader, "SPECS", (spec,))


def test_the_standard_is_published_without_the_demo_dataset():
    assert demo.load_demo() == 1
    standard = Standard.objects.get(slug=demo.SLUG)
    assert standard.organisation.slug == "bps" and standard.topic.name == "Kependudukan"
    version = standard.versions.get()
    assert version.state == "published" and version.satuan == "jiwa"
    fields = {f.name: f for f in version.fields.select_related("code_list")}
    assert list(fields) == ["kode_wilayah", "tahun", "jenis_kelamin", "jumlah"]
    assert fields["kode_wilayah"].wilayah_level == "kecamatan"
    assert fields["jenis_kelamin"].code_list.slug == "jenis-kelamin"
    assert fields["jumlah"].type == "integer" and fields["jumlah"].minimum == "0"
    assert all(f.required and f.definisi for f in fields.values())
    assert not DatasetStandard.objects.exists()
    assert demo.load_demo() == 0


def test_the_demo_dataset_adopts_it_and_its_page_shows_the_conformance(one_dataset):
    loader.load_demo()
    adoption = DatasetStandard.objects.select_related("dataset").get()
    dataset = adoption.dataset
    assert dataset.title == demo.DATASET and adoption.adopted_by.username == "disdukcapil"
    assert adoption.standard_version.standard.slug == demo.SLUG
    found = Conformance.objects.get(version=dataset.published_version)
    assert set(found.problems) == {"jenis_kelamin", "jumlah"}
    assert found.total == 2 * found.rows > 0
    page = Client().get(dataset.get_absolute_url()).content.decode()
    assert f"{demo.TITLE} v1" in page and 'id="standard-title"' in page
    assert audit.verify_chain()[1] == []

    counts = (
        Standard.objects.count(),
        DatasetStandard.objects.count(),
        Conformance.objects.count(),
    )
    loader.load_demo()
    again = (Standard.objects.count(), DatasetStandard.objects.count(), Conformance.objects.count())
    assert again == counts
