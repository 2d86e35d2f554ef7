"""An indicator computed from terbatas or tertutup data never shows its values to someone who
may not see that data: not in lists, counts, pages, files, the API or the map."""

import pytest

from satudata.apps.catalog.models import Dataset
from satudata.apps.indicators.tests.conftest import define
from satudata.apps.portal.tests.helpers import english_client, signed_in
from satudata.apps.statistics import actions as statistics_actions
from satudata.apps.statistics.tests.conftest import IND, make_kegiatan
from satudata.platform.testing.openapi import OpenAPIClient, session_client

pytestmark = pytest.mark.django_db

SECRET = "Indikator-Rahasia-7Q"


def urls(slug: str) -> list[str]:
    return [
        f"/statistik/indikator/{slug}/",
        f"/statistik/indikator/{slug}.json",
        f"/statistik/indikator/{slug}.csv",
        f"/statistik/indikator/{slug}.xlsx",
        f"/api/v1/statistik/indikator/{slug}",
    ]


def hidden_everywhere(client, slug: str) -> None:
    for url in urls(slug):
        assert client.get(url).status_code == 404, url
    for url in (
        "/statistik/indikator/",
        "/api/v1/statistik/indikator",
        "/kerja/statistik/indikator/",
    ):
        response = client.get(url)
        assert SECRET not in response.content.decode(), url


@pytest.mark.parametrize("level", ["terbatas", "tertutup"])
def test_values_of_hidden_data_do_not_reach_the_public(rtlh, who, level):
    indicator = define(who, rtlh, name=SECRET)
    Dataset.objects.filter(pk=rtlh.pk).update(access_level=level)
    hidden_everywhere(english_client(), indicator.slug)
    hidden_everywhere(OpenAPIClient(), indicator.slug)
    if level == "tertutup":
        hidden_everywhere(signed_in(who["stranger"]), indicator.slug)
        hidden_everywhere(session_client(who["partner"]), indicator.slug)
        assert signed_in(who["produsen"]).get(urls(indicator.slug)[0]).status_code == 200
    else:
        assert signed_in(who["stranger"]).get(urls(indicator.slug)[0]).status_code == 200


def test_own_opd_loses_sight_when_another_opd_closes_the_data(who):
    from satudata.apps.indicators.tests.conftest import publish_year
    from satudata.platform.testing.factories import make_dataset

    theirs = make_dataset(who["other_org"], published=False, title="Data OPD lain")
    publish_year(theirs, 2024, [1, 2, 3, 4])
    indicator = define(who, theirs, name=SECRET)
    Dataset.objects.filter(pk=theirs.pk).update(access_level="tertutup")
    hidden_everywhere(signed_in(who["produsen"]), indicator.slug)
    assert signed_in(who["walidata"]).get(urls(indicator.slug)[0]).status_code == 200


def test_an_unpublished_data_set_hides_its_indicator(rtlh, who):
    indicator = define(who, rtlh, name=SECRET)
    Dataset.objects.filter(pk=rtlh.pk).update(published_version=None)
    hidden_everywhere(english_client(), indicator.slug)


def test_a_non_public_ms_ind_keeps_the_indicator_off_the_portal(who):
    kegiatan = make_kegiatan(who)
    secret = statistics_actions.check_save_entry(
        user=who["produsen"],
        kegiatan=kegiatan,
        kind="indikator",
        values={**IND, "nama": "MS-Ind tertutup", "akses_publik": False},
    )
    indicator = define(who, None, name=SECRET, unit="persen", indikator=secret)
    hidden_everywhere(english_client(), indicator.slug)
    hidden_everywhere(signed_in(who["stranger"]), indicator.slug)
    assert signed_in(who["pembina"]).get(urls(indicator.slug)[0]).status_code == 200
