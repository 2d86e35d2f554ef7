import pytest

from satudata.apps.bigdata import demo, store
from satudata.apps.bigdata.models import Alert, Run
from satudata.apps.catalog.models import Dataset

pytestmark = pytest.mark.django_db


def test_the_demo_analyses_a_year_of_posts_raises_the_spike_and_publishes_once():
    assert demo.load() == 1
    assert demo.load() == 0
    run = Run.objects.get()
    assert run.status == Run.Status.DONE and run.rows_kept == demo.POSTS + 40
    assert run.masked["telepon"] > 0
    found = store.overview(store.Filters())
    assert found.total > 3000 and len(found.months) >= 10
    assert Alert.objects.filter(topic="banjir_drainase", week="2025-11-03").exists()
    published = Dataset.objects.get(title__startswith="Volume dan Sentimen")
    assert published.state == "diterbitkan" and published.published_version is not None
    assert published.tags.filter(name="big data").exists()
