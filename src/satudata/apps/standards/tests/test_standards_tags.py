"""The standards panel on the dataset page: the adopted standard, and the way to the adopt page
for those who may adopt one."""

import pytest
from django.test import Client
from django.urls import reverse

from satudata.apps.search.actions import do_touch_index
from satudata.apps.standards import actions
from satudata.platform.testing.factories import make_dataset

from .conftest import login

pytestmark = pytest.mark.django_db


def _page(client: Client, dataset) -> str:
    response = client.get(dataset.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_those_who_may_adopt_see_the_link_to_the_adopt_page(people):
    dataset = make_dataset(people["opd"])
    adopt = reverse("standards:adopt", args=[dataset.slug])
    for who in ("produsen", "walidata"):
        page = _page(login(people[who]), dataset)
        assert f'href="{adopt}"' in page, who
        assert 'id="standard-title"' in page


def test_others_see_no_link_and_no_empty_panel(people):
    dataset = make_dataset(people["opd"])
    adopt = reverse("standards:adopt", args=[dataset.slug])
    for client in (Client(), login(people["other_pembina"]), login(people["pembina"])):
        page = _page(client, dataset)
        assert adopt not in page
        assert 'id="standard-title"' not in page


def test_an_adopted_standard_shows_to_all_and_the_link_only_to_adopters(people, published):
    dataset = make_dataset(people["opd"])
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    adopt = reverse("standards:adopt", args=[dataset.slug])
    public = _page(Client(), dataset)
    assert "Penduduk per kelurahan v1" in public and adopt not in public
    owner = _page(login(people["produsen"]), dataset)
    assert "Penduduk per kelurahan v1" in owner and f'href="{adopt}"' in owner
    assert login(people["produsen"]).get(adopt).status_code == 200


def test_a_standard_adopted_after_a_page_view_shows_on_the_next_one(people, published):
    do_touch_index()
    dataset = make_dataset(people["opd"])
    assert 'id="standard-title"' not in _page(Client(), dataset)
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    assert "Penduduk per kelurahan v1" in _page(Client(), dataset)
