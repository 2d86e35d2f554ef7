"""The demo reproduces Kota Tangerang's published EPSS 2024 result."""

import pytest

from satudata.apps.demo import epss as demo
from satudata.apps.epss import queries
from satudata.apps.epss.models import Assessment
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db


def test_demo_2024_is_3_07_baik_with_big_data_at_1() -> None:
    make_user(make_org("walidata"), "walidata", username="walidata")
    assert demo.load() == 2
    assert demo.load() == 0
    result = queries.published_result(2024)
    assert round(result.index.ips, 2) == 3.07
    assert result.index.predikat == "Baik"
    city = Assessment.objects.get(year__year=2024, organisation__isnull=True)
    assert city.scores.get(code="50303").level == 1
    assert "Rekonstruksi" in city.scores.get(code="10101").notes
    draft = Assessment.objects.get(year__year=2025, organisation__isnull=True)
    assert not draft.is_final and queries.published_result(2025) is None
