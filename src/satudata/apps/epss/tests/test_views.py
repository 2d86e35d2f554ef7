"""Pages: who sees and fills what, HTMX partials, what-if, comparison, export, public page."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from satudata.apps.epss import actions, queries
from satudata.apps.epss.models import Evidence
from satudata.apps.epss.tests.conftest import TODAY, fill
from satudata.apps.portal.tests.helpers import english_client, signed_in
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(city) -> None:
    for url in ("/kerja/epss/", f"/kerja/epss/penilaian/{city.pk}/", "/kerja/epss/2024/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_partner_sees_no_work_pages(people, city) -> None:
    client = signed_in(people["partner"])
    assert client.get("/kerja/epss/").status_code == 404
    assert client.get(f"/kerja/epss/penilaian/{city.pk}/").status_code == 404


def test_opd_sees_own_only(people, city, opd) -> None:
    own = signed_in(people["produsen"])
    assert own.get(f"/kerja/epss/penilaian/{opd.pk}/").status_code == 200
    assert own.get(f"/kerja/epss/penilaian/{city.pk}/").status_code == 404
    stranger = signed_in(people["stranger"])
    assert stranger.get(f"/kerja/epss/penilaian/{opd.pk}/").status_code == 404
    post = stranger.post(f"/kerja/epss/penilaian/{opd.pk}/indikator/10101/", {"level": "3"})
    assert post.status_code == 404


def test_pembina_reads_the_city_read_only(people, city, opd) -> None:
    client = signed_in(people["pembina"])
    page = client.get(f"/kerja/epss/penilaian/{city.pk}/")
    assert page.status_code == 200
    assert b"Tingkat Kematangan Pemanfaatan Big Data" in page.content
    assert b'name="level"' not in page.content
    assert client.get(f"/kerja/epss/penilaian/{opd.pk}/").status_code == 404
    refused = client.post(f"/kerja/epss/penilaian/{city.pk}/indikator/10101/", {"level": "3"})
    assert refused.status_code == 403
    assert client.get("/kerja/epss/2024/bobot/").status_code == 200
    assert client.post("/kerja/epss/2024/bobot/", {"domain_1": "5"}).status_code == 403


def test_worksheet_shows_criteria_and_proposal_reason(people, city) -> None:
    page = signed_in(people["walidata"]).get(f"/kerja/epss/penilaian/{city.pk}/")
    text = page.content.decode()
    assert "Penerapan SDS belum dilakukan oleh seluruh Produsen Data" in text
    assert "Platform proposal" in text
    assert "published datasets are tagged as Big Data" in text


def test_htmx_save_returns_the_row_and_the_new_summary(people, city) -> None:
    fill(people["walidata"], city)
    response = signed_in(people["walidata"]).post(
        f"/kerja/epss/penilaian/{city.pk}/indikator/50303/",
        {"level": "3", "notes": "Kajian sentimen"},
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="i50303"' in text and "hx-swap-oob" in text
    assert "3.09" in text  # 3.064 + 0.0264
    assert city.scores.get(code="50303").level == 3


def test_invalid_level_is_explained(people, city) -> None:
    client = signed_in(people["walidata"])
    response = client.post(
        f"/kerja/epss/penilaian/{city.pk}/indikator/10101/", {"level": "9"}, follow=True
    )
    assert "Indicator 10101: choose a level from 1 to 5" in response.content.decode()
    assert client.post(f"/kerja/epss/penilaian/{city.pk}/indikator/abc/", {}).status_code == 404


def test_what_if_partial(people, city) -> None:
    fill(people["walidata"], city)
    client = signed_in(people["walidata"])
    full = client.get(f"/kerja/epss/penilaian/{city.pk}/simulasi/")
    assert full.status_code == 200 and b'name="l_50303"' in full.content
    part = client.get(
        f"/kerja/epss/penilaian/{city.pk}/simulasi/?l_50303=3&l_10101=x",
        headers={"HX-Request": "true"},
    )
    text = part.content.decode()
    assert "50303 from 1 to 3" in text
    assert "moves the IPS from 3.06 to 3.09" in text
    assert "<html" not in text


def test_compare_two_years(people, city) -> None:
    fill(people["walidata"], city)
    year_2025 = actions.check_open_year(user=people["walidata"], year=2025)
    later = actions.check_start_assessment(
        user=people["walidata"], year=year_2025, organisation=None, today=TODAY
    )
    fill(people["walidata"], later, {"50303": 3})
    page = signed_in(people["pembina"]).get(f"/kerja/epss/penilaian/{later.pk}/banding/?tahun=2024")
    text = page.content.decode()
    assert page.status_code == 200
    assert "+2.00" in text and "+0.67" in text


def test_export_round_trip(people, city) -> None:
    fill(people["walidata"], city)
    response = signed_in(people["walidata"]).get(f"/kerja/epss/penilaian/{city.pk}/ekspor.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    lke, index = book.worksheets
    rows = list(lke.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 38
    assert rows[0][2] == "10101" and rows[0][4] == 3 and rows[0][9] == "catatan 10101"
    values = {r[1]: r[4] for r in index.iter_rows(min_row=2, values_only=True) if r[0]}
    assert values["5"] == pytest.approx(2.78)
    last = next(r for r in index.iter_rows(values_only=True) if r[0] == "IPS")
    assert last[4] == pytest.approx(3.064)


def test_evidence_upload_and_download(people, city, opd) -> None:
    client = signed_in(people["walidata"])
    upload = SimpleUploadedFile("sk.pdf", b"%PDF-1.4 forum", content_type="application/pdf")
    client.post(
        f"/kerja/epss/penilaian/{city.pk}/indikator/40302/bukti/",
        {"title": "SK Forum", "file": upload},
    )
    evidence = Evidence.objects.get()
    download = client.get(f"/kerja/epss/bukti/{evidence.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 forum"
    assert signed_in(people["pembina"]).get(f"/kerja/epss/bukti/{evidence.pk}/").status_code == 200
    assert signed_in(people["produsen"]).get(f"/kerja/epss/bukti/{evidence.pk}/").status_code == 404
    empty = client.post(
        f"/kerja/epss/penilaian/{city.pk}/indikator/40302/bukti/", {"title": "x"}, follow=True
    )
    assert "Attach either a document or a link" in empty.content.decode()


def test_weights_page_edit(people, year, city) -> None:
    fill(people["walidata"], city)
    client = signed_in(people["walidata"])
    form = client.get("/kerja/epss/2024/bobot/")
    assert b'name="domain_5"' in form.content
    data = {f"{k}_{c}": str(w) for k, c, w in queries.weight_rows(year)}
    data["domain_5"] = "40"
    client.post("/kerja/epss/2024/bobot/", data)
    page = client.get("/kerja/epss/2024/")
    assert "3.00" in page.content.decode()  # 3.001875


def test_public_page_only_after_publication(people, year, city) -> None:
    anonymous = english_client()
    assert b"2024" not in anonymous.get("/epss/").content
    assert anonymous.get("/epss/2024/").status_code == 404
    fill(people["walidata"], city)
    actions.check_finalise(user=people["walidata"], assessment=city, final=True)
    walidata = signed_in(people["walidata"])
    walidata.post("/kerja/epss/2024/terbitkan/", {"publish": "1"})
    page = anonymous.get("/epss/2024/").content.decode()
    assert "3.06" in page and "Baik" in page and "catatan" not in page
    assert "3.06" in anonymous.get("/epss/").content.decode()


def test_producer_starts_own_assessment(people, year) -> None:
    client = signed_in(people["produsen"])
    response = client.post("/kerja/epss/2024/mulai/", {"scope": "opd"})
    assert response.status_code == 302
    assert client.post("/kerja/epss/2024/mulai/", {"scope": "city"}).status_code == 403


def test_opd_evidence_opens_only_for_those_who_see_the_assessment(people, opd) -> None:
    signed_in(people["produsen"]).post(
        f"/kerja/epss/penilaian/{opd.pk}/indikator/10201/bukti/",
        {"title": "SK Metadata", "file": SimpleUploadedFile("sk.pdf", b"%PDF-1.4 opd")},
    )
    url = f"/kerja/epss/bukti/{Evidence.objects.get().pk}/"
    for who in ("produsen", "walidata"):
        assert signed_in(people[who]).get(url).status_code == 200
    for who in ("stranger", "pembina", "partner"):
        assert signed_in(people[who]).get(url).status_code == 404
    assert signed_in(people["stranger"]).post(f"{url}hapus/").status_code == 404
    assert Evidence.objects.exists()
    assert "/akun/masuk/" in Client().get(url)["Location"]


def test_year_page_reads_levels_once_for_every_assessment(
    people, year, city, opd, django_assert_max_num_queries
) -> None:
    for n in range(3):
        org = make_org("opd", name=f"Dinas {n}")
        actions.check_start_assessment(
            user=make_user(org, "produsen"), year=year, organisation=org, today=TODAY
        )
    client = signed_in(people["walidata"])
    with django_assert_max_num_queries(10):
        assert client.get("/kerja/epss/2024/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/kerja/epss/penilaian/{city.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/epss/assessments").json()) == 5


def test_export_writes_notes_as_text_never_as_formulas(people, city) -> None:
    fill(people["walidata"], city, {"10101": 3})
    actions.check_set_level(
        user=people["walidata"], assessment=city, code="10101", level=3, notes="=1+1"
    )
    response = signed_in(people["walidata"]).get(f"/kerja/epss/penilaian/{city.pk}/ekspor.xlsx")
    cell = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]["J4"]
    assert cell.value == "=1+1" and cell.data_type == "s"
