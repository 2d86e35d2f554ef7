"""The public pages: the FAQ (search, categories, safe Markdown), the data requests (list,
page, the form with its trap and rate limit, the private page) that never show the
requester's personal data nor a dataset the public may not see."""

import pytest
from django.core.cache import cache
from django.test import Client

from satudata.apps.helpdesk.models import Article, DataRequest
from satudata.apps.helpdesk.request_actions import (
    check_answer_request,
    check_route_request,
    follow_url,
)
from satudata.apps.helpdesk.tests.helpers import submit_request
from satudata.apps.portal.tests.helpers import english_client, people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Budi Santoso",
    "email": "budi.rahasia@contoh.id",
    "institution": "LSM Rahasia-Lembaga",
    "title": "Data banjir per kelurahan",
    "description": "Titik genangan per kelurahan.",
    "purpose": "Kajian mitigasi.",
    "wilayah": "",
    "period": "2024",
    "public": "on",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def cast():
    return people()


def test_faq_groups_searches_and_hides_drafts():
    Article.objects.create(
        slug="a",
        question="Cara unggah XLSX",
        answer="Pakai **templat**.<script>x()</script>",
        category="unggah",
        is_published=True,
    )
    Article.objects.create(
        slug="b",
        question="Lupa kata sandi",
        answer="Hubungi admin.",
        category="akses",
        is_published=True,
    )
    Article.objects.create(
        slug="c", question="Draf-Rahasia-Artikel", answer="-", category="akses", is_published=False
    )
    client = english_client()
    body = client.get("/bantuan/").content.decode()
    assert "Cara unggah XLSX" in body and "Lupa kata sandi" in body
    assert "<strong>templat</strong>" in body and "<script>x()" not in body
    assert "Draf-Rahasia-Artikel" not in body
    assert body.index("Uploading data") < body.index("Access and accounts")
    found = client.get("/bantuan/?q=sandi").content.decode()
    assert "Lupa kata sandi" in found and "Cara unggah" not in found
    assert "Cara unggah" not in client.get("/bantuan/?kategori=akses").content.decode()
    assert client.get("/bantuan/a/").status_code == 200
    assert client.get("/bantuan/c/").status_code == 404


def test_public_request_pages_never_show_personal_data(cast):
    item = submit_request(
        name="Siti Nurhaliza", email="siti.rahasia@contoh.id", institution="Kampus-Rahasia"
    )
    client = english_client()
    for url in (
        "/permintaan-data/",
        item.get_absolute_url(),
        "/api/v1/data-requests",
        f"/api/v1/data-requests/{item.pk}",
    ):
        body = client.get(url).content.decode()
        assert "Jumlah posyandu" in body
        assert "siti.rahasia" not in body and "Siti" not in body and "Kampus-Rahasia" not in body
    assert "S.N." in client.get(item.get_absolute_url()).content.decode()
    assert client.get("/permintaan-data/999/").status_code == 404


def test_private_follow_page(cast):
    item = submit_request()
    client = english_client()
    page = client.get(follow_url(item))
    assert page.status_code == 200 and "Siti Nurhaliza Putri" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert client.get(f"/permintaan-data/{item.pk}/ikuti/salah-token/").status_code == 404


def test_a_fulfilled_request_shows_only_terbuka_published_data(cast):
    item = submit_request()
    check_route_request(user=cast["walidata"], data_request=item, organisation_id=cast["org"].pk)
    public = make_dataset(cast["org"], title="Posyandu-Terbuka-Data")
    check_answer_request(
        user=cast["produsen"],
        data_request=item,
        status="dipenuhi",
        answer="Ada.",
        dataset_slug=public.slug,
    )
    client = english_client()
    assert "Posyandu-Terbuka-Data" in client.get(item.get_absolute_url()).content.decode()
    public.access_level = "tertutup"
    public.title = "Posyandu-Sekarang-Tertutup"
    public.save()
    for url in (
        item.get_absolute_url(),
        follow_url(item),
        "/permintaan-data/",
        f"/api/v1/data-requests/{item.pk}",
    ):
        body = client.get(url).content.decode()
        assert "Posyandu-Sekarang-Tertutup" not in body and public.slug not in body
    DataRequest.objects.filter(pk=item.pk).update(
        dataset=make_dataset(cast["org"], access_level="terbatas", title="Terbatas-X")
    )
    for client in (english_client(), signed_in(cast["produsen"])):
        assert "Terbatas-X" not in client.get(item.get_absolute_url()).content.decode()


def test_the_form_sends_a_request(cast, mailoutbox, django_capture_on_commit_callbacks):
    client = english_client()
    assert client.get("/permintaan-data/ajukan/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/permintaan-data/ajukan/", FORM)
    assert response.status_code == 302 and response["Location"] == "/permintaan-data/terkirim/"
    item = DataRequest.objects.get()
    assert item.email == "budi.rahasia@contoh.id"
    assert any(m.to == ["budi.rahasia@contoh.id"] for m in mailoutbox)
    missing = client.post("/permintaan-data/ajukan/", {**FORM, "public": ""})
    assert missing.status_code == 200 and DataRequest.objects.count() == 1


def test_the_trap_and_the_rate_limit(cast):
    client = english_client()
    trapped = client.post("/permintaan-data/ajukan/", {**FORM, "website": "http://spam.example"})
    assert trapped.status_code == 302 and not DataRequest.objects.exists()
    for _n in range(5):
        assert client.post("/permintaan-data/ajukan/", FORM).status_code == 302
    refused = client.post("/permintaan-data/ajukan/", FORM)
    assert refused.status_code == 429 and "Too many requests" in refused.content.decode()
    assert DataRequest.objects.count() == 5
    other = Client(REMOTE_ADDR="10.0.0.9", headers={"accept-language": "en"})
    assert other.post("/permintaan-data/ajukan/", FORM).status_code == 302


def test_work_pages_for_each_role(cast):
    item = submit_request()
    page = f"/kerja/permintaan-data/{item.pk}/"
    assert Client().get(page).status_code == 302
    walidata = signed_in(cast["walidata"])
    assert "siti.pemohon@contoh.id" in walidata.get(page).content.decode()
    for role in ("produsen", "stranger"):
        assert signed_in(cast[role]).get(page).status_code == 404
    assert signed_in(cast["pembina"]).get("/kerja/permintaan-data/").status_code == 403
    assert walidata.post(page + "teruskan/", {"organisation": cast["org"].pk}).status_code == 302
    produsen = signed_in(cast["produsen"])
    body = produsen.get(page).content.decode()
    assert "Jumlah posyandu" in body and "siti.pemohon" not in body
    assert "Jumlah posyandu" in produsen.get("/kerja/permintaan-data/").content.decode()
    assert (
        "Jumlah posyandu"
        not in signed_in(cast["stranger"]).get("/kerja/permintaan-data/").content.decode()
    )
    assert signed_in(cast["stranger"]).get(page).status_code == 404
    assert (
        produsen.post(page + "teruskan/", {"organisation": cast["other_org"].pk}).status_code == 403
    )
    hidden = make_dataset(cast["org"], access_level="terbatas", title="Terbatas-Pilihan")
    assert "Terbatas-Pilihan" not in body
    refused = produsen.post(
        page + "jawab/", {"status": "dipenuhi", "answer": "", "dataset": hidden.slug}
    )
    assert refused.status_code == 400
    assert (
        produsen.post(
            page + "jawab/", {"status": "ditolak", "answer": "Data tidak tersedia."}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.status == "ditolak"
    assert "Data tidak tersedia." in english_client().get(item.get_absolute_url()).content.decode()


def test_the_faq_search_box_is_labelled():
    body = english_client().get("/bantuan/?q=unggah").content.decode()
    assert '<label class="visually-hidden" for="faq-q">Search the answers</label>' in body
    assert 'id="faq-q" type="search" name="q" value="unggah" maxlength="100"' in body
