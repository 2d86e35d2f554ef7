"""Kode wilayah columns are checked against the dataset's level and area, with precise hints and
suggested codes for names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satudata.apps.catalog.forms import DatasetForm
from satudata.apps.catalog.models import Upload
from satudata.apps.catalog.wilayah_codes import cakupan_choices, reference_codes
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.apps.registry.models import Wilayah
from satudata.platform.problems import problem_hint, problem_message
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def upload_rows(crew, dataset, rows: list[str]) -> Upload:
    text = "\n".join(["kode_wilayah,jumlah", *rows]) + "\n"
    file = SimpleUploadedFile("data.csv", text.encode(), content_type="text/csv")
    client = signed_in(crew["produsen"])
    client.post(f"/kerja/dataset/{dataset.slug}/unggah/", {"file": file})
    return Upload.objects.get(dataset=dataset)


def kelurahan_dataset(crew, level: str = "kelurahan"):
    return make_dataset(
        crew["org"],
        published=False,
        level_penyajian=level,
        cakupan_wilayah=Wilayah.objects.get(kode="36.71"),
    )


def code_problems(upload: Upload) -> dict[str, dict]:
    return {p["value"]: p for p in upload.problems if p["rule"] == "code_list"}


def test_reference_codes_follow_level_and_area(crew) -> None:
    assert len(reference_codes(kelurahan_dataset(crew))) == 104
    assert len(reference_codes(kelurahan_dataset(crew, "kecamatan"))) == 13
    assert reference_codes(kelurahan_dataset(crew, "kota")) == {"36.71"}
    Wilayah.objects.filter(kode="36.71.01.1001").update(valid_until="2030-01-01")
    assert "36.71.01.1001" not in reference_codes(kelurahan_dataset(crew))


def test_wrong_level_and_outside_the_area_are_told_precisely(crew) -> None:
    dataset = kelurahan_dataset(crew, "kecamatan")
    upload = upload_rows(crew, dataset, ["36.71.01,1", "36.71.01.1001,2", "32.01.01,3"])
    problems = code_problems(upload)
    assert set(problems) == {"36.71.01.1001", "32.01.01"}
    level = problem_message(problems["36.71.01.1001"])
    assert "Sukarasa" in level and "kecamatan" in level
    outside = problem_message(problems["32.01.01"])
    assert "outside" in outside and "Kota Tangerang" in outside
    assert "36.71.01" in problem_hint(problems["32.01.01"])


def test_a_desa_of_another_city_fails_in_a_kelurahan_dataset(crew) -> None:
    upload = upload_rows(crew, kelurahan_dataset(crew), ["36.71.01.1001,1", "32.01.01.2001,2"])
    assert set(code_problems(upload)) == {"32.01.01.2001"}


def test_a_name_instead_of_a_code_gets_a_suggestion(crew) -> None:
    dataset = kelurahan_dataset(crew, "kecamatan")
    upload = upload_rows(crew, dataset, ["36.71.01,1", "Karang Tengah,2", "Kec. Cipondh,3"])
    problems = code_problems(upload)
    assert "36.71.12 (Karang Tengah)" in problem_hint(problems["Karang Tengah"])
    assert "36.71.05 (Cipondoh)" in problem_hint(problems["Kec. Cipondh"])
    assert "is a name" in problem_message(problems["Karang Tengah"])
    page = signed_in(crew["produsen"]).get(f"/kerja/unggahan/{upload.pk}/").content.decode()
    assert "36.71.12 (Karang Tengah)" in page


def test_retired_code_names_its_replacement(crew) -> None:
    Wilayah.objects.filter(kode="36.71.01.1001").update(
        valid_until="2030-01-01", replaced_by_id="36.71.01.1002"
    )
    upload = upload_rows(crew, kelurahan_dataset(crew), ["36.71.01.1001,1"])
    hint = problem_hint(code_problems(upload)["36.71.01.1001"])
    assert "36.71.01.1002 (Sukaasih)" in hint


def test_cakupan_choices_stay_small(crew) -> None:
    choices = cakupan_choices()
    assert choices.filter(level="desa").count() == 0
    assert choices.filter(level="kecamatan").count() == 13
    assert choices.count() == 38 + 514 + 13
    form = DatasetForm(instance=make_dataset(crew["org"], cakupan_wilayah_id="32.01.01"))
    assert form.fields["cakupan_wilayah"].queryset.filter(kode="32.01.01").exists()
