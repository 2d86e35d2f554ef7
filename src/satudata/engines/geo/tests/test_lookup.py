"""Finding features by their words, on the 104 real Kota Tangerang kelurahan."""

import pytest

from satudata.engines.geo import ingest_layer
from satudata.engines.geo.lookup import find

from .conftest import KELURAHAN


@pytest.fixture
def kelurahan(tmp_path, options):
    result = ingest_layer(KELURAHAN, tmp_path / "kelurahan.parquet", options=options)
    assert result.ok and result.path is not None
    return result.path


def test_names_that_begin_with_the_words_come_first(kelurahan):
    matches = find(kelurahan, "cipondoh")
    assert [m.text for m in matches][:3] == ["Cipondoh", "Cipondoh Indah", "Cipondoh Makmur"]
    assert {m.attribute for m in matches} <= {"nama", "nama_kec"}
    west, south, east, north = matches[0].bbox
    assert 106.5 < west < east < 106.8 and -6.3 < south < north < -6.0


def test_case_accents_and_spaces_are_ignored(kelurahan):
    assert [m.text for m in find(kelurahan, "  KARAWACÍ   baru ")] == ["Karawaci Baru"]


def test_codes_match_and_wildcards_are_plain_characters(kelurahan):
    assert find(kelurahan, "36.71.01.1001")[0].text == "36.71.01.1001"
    assert find(kelurahan, "%") == [] and find(kelurahan, "a_b") == []


def test_short_words_and_the_limit(kelurahan):
    assert find(kelurahan, "c") == []
    assert len(find(kelurahan, "an", limit=3)) == 3
