"""Tests run in the default language whatever the test before them requested."""

import pytest
from django.utils.translation import get_language

from satudata.apps.portal.tests.helpers import english_client

pytestmark = pytest.mark.django_db


def test_a_page_in_english_activates_english_in_the_thread():
    english_client().get("/")
    assert get_language() == "en"


def test_the_next_test_starts_in_the_default_language(settings):
    assert get_language() == settings.LANGUAGE_CODE
