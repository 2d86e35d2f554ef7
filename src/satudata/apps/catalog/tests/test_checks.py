import pytest

from satudata.apps.catalog import checks
from satudata.platform.testing.factories import make_dataset, make_org, make_version

pytestmark = pytest.mark.django_db


def by_code(dataset):
    return {c.code: c for c in checks.automatic_checks(dataset)}


def test_empty_metadata_and_standar_fail_with_the_missing_fields():
    dataset = make_dataset(make_org(), published=False)
    result = by_code(dataset)
    assert not result["metadata"].ok
    assert not result["standar_data"].ok
    assert not result["open_format"].ok


def test_personal_data_can_never_be_open():
    dataset = make_dataset(make_org(), access_level="terbuka")
    dataset.candidate_version = make_version(
        dataset,
        columns={"nik": ["3671014108900001"], "nama": ["Contoh"]},
        fields=[
            {"name": "nik", "title": "NIK", "type": "string", "role": "nik"},
            {"name": "nama", "title": "Nama", "type": "string", "role": None},
        ],
    )
    result = by_code(dataset)["access"]
    assert not result.ok
    assert any("NIK" in d for d in result.details)


def test_open_data_needs_an_open_licence():
    dataset = make_dataset(make_org(), access_level="terbuka")
    dataset.licence = "internal"
    assert not by_code(dataset)["access"].ok
    dataset.licence = "cc-by-4.0"
    assert by_code(dataset)["access"].ok


def test_unknown_codes_fail_the_kode_wilayah_check():
    dataset = make_dataset(make_org())
    version = dataset.published_version
    assert by_code(dataset)["kode_wilayah"].ok
    version.warnings = {"unknown_codes": {"kode_wilayah": 3}}
    assert not checks.kode_wilayah_check(version).ok
