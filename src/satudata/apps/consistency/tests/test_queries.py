import pytest
from django.contrib.auth.models import AnonymousUser

from satudata.apps.consistency import queries
from satudata.apps.consistency.tests.conftest import population
from satudata.platform import access
from satudata.platform.testing.factories import make_org

pytestmark = pytest.mark.django_db


def test_a_dataset_in_no_comparison_costs_one_query(world, django_assert_num_queries):
    alone = population(make_org("opd", "Dinsos Uji"), "Penduduk Tanpa Pembanding")
    with django_assert_num_queries(1):
        assert queries.for_dataset(access.viewer_for(AnonymousUser()), alone) == []


def test_a_compared_dataset_lists_only_what_the_viewer_may_see(world):
    anonymous = access.viewer_for(AnonymousUser())
    assert queries.for_dataset(anonymous, world.open_a) == [world.open_pair]
    walidata = access.viewer_for(world.walidata)
    assert set(queries.for_dataset(walidata, world.open_a)) == {
        world.open_pair,
        world.closed_pair,
    }
    assert queries.for_dataset(anonymous, world.restricted_a) == []
