import pytest

from satudata.apps.monitoring.models import Release
from satudata.apps.monitoring.releases import do_rebuild_releases
from satudata.apps.monitoring.tests.helpers import day, step
from satudata.platform.testing.factories import make_dataset, make_org

pytestmark = pytest.mark.django_db


def test_a_monthly_dataset_released_late_once_and_fixed_after_a_return():
    dataset = make_dataset(make_org(), published=False, frekuensi="bulanan")
    step(dataset, "submit", day(2025, 1, 3))
    step(dataset, "publish", day(2025, 1, 5), "diterbitkan")
    step(dataset, "submit", day(2025, 2, 1))
    step(dataset, "return", day(2025, 2, 2), "dikembalikan")
    step(dataset, "submit", day(2025, 2, 6))
    step(dataset, "publish", day(2025, 2, 8), "diterbitkan")
    step(dataset, "submit", day(2025, 5, 1))
    step(dataset, "publish", day(2025, 5, 2), "diterbitkan")
    assert do_rebuild_releases([dataset]) == 3
    first, second, third = Release.objects.filter(dataset=dataset).order_by("published_at")
    assert first.on_time is None and first.due_date is None
    assert second.on_time is True
    assert second.due_date.isoformat() == "2025-02-12"
    assert (second.returns, second.fixes, second.fix_days) == (1, 1, 4.0)
    assert third.on_time is False
    assert third.returns == 0


def test_static_data_is_never_late_and_rebuilding_replaces_rows():
    dataset = make_dataset(make_org(), published=False, frekuensi="tidak_tentu")
    step(dataset, "publish", day(2024, 1, 5), "diterbitkan")
    step(dataset, "publish", day(2026, 1, 5), "diterbitkan")
    do_rebuild_releases([dataset])
    do_rebuild_releases([dataset])
    assert list(Release.objects.filter(dataset=dataset).values_list("on_time", flat=True)) == [
        None,
        None,
    ]
