import io

import pytest
from openpyxl import load_workbook

from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_template_has_the_version_columns_and_kecamatan_codes(crew):
    dataset = make_dataset(crew["org"], level_penyajian="kecamatan", cakupan_wilayah_id="36.71")
    response = signed_in(crew["produsen"]).get(f"/kerja/dataset/{dataset.slug}/templat.xlsx")
    assert response.status_code == 200
    assert f'filename="templat-{dataset.slug}.xlsx"' in response["Content-Disposition"]
    book = workbook(response)
    data = book.worksheets[0]
    assert [c.value for c in data[1]][:2] == ["kode_wilayah", "jumlah"]
    codes = {c.value for row in book["daftar_kode"].iter_rows() for c in row if c.value}
    assert "36.71.01" in codes and "36.71.13" in codes
    assert not any(str(c).startswith("36.71.01.") for c in codes)
    assert data.data_validations.dataValidation


def test_new_dataset_template_starts_from_wilayah_year_and_value(crew):
    dataset = make_dataset(crew["org"], published=False, level_penyajian="kelurahan")
    book = workbook(signed_in(crew["produsen"]).get(f"/kerja/dataset/{dataset.slug}/templat.xlsx"))
    assert [c.value for c in book.worksheets[0][1]][:4] == [
        "kode_wilayah",
        "nama_wilayah",
        "tahun",
        "nilai",
    ]
    codes = {c.value for row in book["daftar_kode"].iter_rows() for c in row if c.value}
    assert "36.71.01.1001" in codes


def test_template_is_for_the_producer(crew):
    dataset = make_dataset(crew["org"])
    assert (
        signed_in(crew["stranger"]).get(f"/kerja/dataset/{dataset.slug}/templat.xlsx").status_code
        == 403
    )
