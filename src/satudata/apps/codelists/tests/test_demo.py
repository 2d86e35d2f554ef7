"""The demo registers: synthetic, labelled so, on the real kelurahan of Kota Tangerang."""

import re

import pytest

from satudata.apps.codelists.demo import FACILITIES, SCHOOLS, load_demo
from satudata.apps.codelists.models import Register

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_synthetic():
    created = load_demo()
    assert created > 100
    assert load_demo() == 0
    schools = Register.objects.get(slug=SCHOOLS)
    facilities = Register.objects.get(slug=FACILITIES)
    assert schools.owner.slug == "disdik" and facilities.owner.slug == "dinkes"
    for register in (schools, facilities):
        assert "SINTETIS" in register.description
        pattern = re.compile(register.identifier_pattern)
        entries = list(register.entries.all())
        assert all(pattern.search(e.identifier) for e in entries)
        assert all(e.kode_wilayah_id.startswith("36.71.") for e in entries)
        assert len({e.identifier for e in entries}) == len(entries)
    assert schools.entries.filter(name="SD Negeri Sukarasa 1").exists()
    assert schools.entries.count() + facilities.entries.count() == created
