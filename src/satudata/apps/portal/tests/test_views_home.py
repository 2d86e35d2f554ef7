import pytest

from satudata.apps.catalog.models import Topic
from satudata.apps.portal.tests.helpers import english_client, people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    crew = people()
    topic = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    make_dataset(crew["org"], title="Jumlah Puskesmas", topic=topic)
    make_dataset(crew["other_org"], title="Jumlah Sekolah")
    make_dataset(crew["org"], title="Rujukan Antar RS", access_level="terbatas")
    make_dataset(crew["org"], title="Draf Rahasia", published=False)
    return crew


def headline(response):
    counts = response.context["headline"]
    return [counts.datasets, counts.organisations, counts.topics]


def test_home_counts_only_what_the_visitor_may_see(catalogue):
    response = english_client().get("/")
    assert response.status_code == 200
    assert headline(response) == [2, 2, 1]
    body = response.content.decode()
    assert "Jumlah Puskesmas" in body
    assert "Rujukan Antar RS" not in body
    assert "Draf Rahasia" not in body


def test_home_counts_terbatas_for_government_users(catalogue):
    response = signed_in(catalogue["stranger"]).get("/")
    assert headline(response) == [3, 2, 1]
    assert "Rujukan Antar RS" in response.content.decode()


def test_pages_are_indonesian_by_default(catalogue):
    from django.test import Client

    response = Client().get("/")
    assert '<html lang="id">' in response.content.decode()


def test_demo_banner_only_in_demo_mode(catalogue, settings):
    settings.DEMO = False
    assert "made up for demonstration" not in english_client().get("/").content.decode()
    settings.DEMO = True
    for url in ("/", "/dataset/", "/tentang/", "/akun/masuk/", "/tidak-ada/"):
        assert "made up for demonstration" in english_client().get(url).content.decode(), url


def test_about_explains_access_levels_and_licences(catalogue):
    body = english_client().get("/tentang/").content.decode()
    for text in ("Open (terbuka)", "Restricted (terbatas)", "Closed (tertutup)", "CC BY 4.0"):
        assert text in body


def test_unknown_page_is_a_friendly_404(catalogue):
    response = english_client().get("/tidak-ada/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_renders_without_a_request_context(english):
    from satudata.apps.portal.views.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
