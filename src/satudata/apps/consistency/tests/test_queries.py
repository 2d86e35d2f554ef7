import pytest
from django.contrib.auth.models import AnonymousUser

from satudata.apps.consistency import queries
from satudata.apps.consistency.actions import check_declare_comparison
from satudata.apps.consistency.tests.conftest import declaration, population, sasaran
from satudata.apps.search.actions import do_touch_index
from satudata.apps.search.memo import current_token
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


def test_with_the_index_token_a_dataset_in_no_comparison_costs_no_query(
    world, django_assert_num_queries
):
    do_touch_index()
    token = current_token()
    alone = population(make_org("opd", "Dinsos Uji"), "Penduduk Tanpa Pembanding")
    anonymous = access.viewer_for(AnonymousUser())
    assert queries.for_dataset(anonymous, world.open_a, token) == [world.open_pair]
    with django_assert_num_queries(0):
        assert queries.for_dataset(anonymous, alone, token) == []


def test_a_comparison_declared_after_a_page_view_shows_on_the_next_one(world):
    do_touch_index()
    anonymous = access.viewer_for(AnonymousUser())
    first = population(make_org("opd", "Dinsos Uji"), "Penduduk Dinsos")
    second = sasaran(make_org("opd", "Puskesmas Uji"), "Sasaran Puskesmas")
    assert queries.for_dataset(anonymous, first, current_token()) == []
    pair = check_declare_comparison(world.walidata, declaration(first, second))
    assert queries.for_dataset(anonymous, first, current_token()) == [pair]
