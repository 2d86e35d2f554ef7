"""The work pages of the helpdesk for each role: the ticket's OPD, another OPD, the walidata,
the pembina and the anonymous visitor; forms, uploads, downloads and the knowledge base."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from satudata.apps.helpdesk.models import Article, ServiceTarget, Ticket
from satudata.apps.helpdesk.tests.helpers import at, open_ticket, reply
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return people()


@pytest.fixture
def ticket(cast):
    found = open_ticket(cast["produsen"], subject="Rahasia-Tiket-5T gagal unggah")
    reply(cast["walidata"], found, at(7, 11), "Jawaban walidata soal kode wilayah.")
    return found


def test_anonymous_is_sent_to_sign_in(ticket):
    for url in ("/kerja/bantuan/", f"/kerja/bantuan/tiket/{ticket.pk}/", "/kerja/bantuan/baru/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_who_sees_the_ticket(cast, ticket):
    url = f"/kerja/bantuan/tiket/{ticket.pk}/"
    for role in ("produsen", "walidata"):
        page = signed_in(cast[role]).get(url)
        assert page.status_code == 200 and "Rahasia-Tiket-5T" in page.content.decode()
    for role in ("stranger", "pembina", "partner"):
        assert signed_in(cast[role]).get(url).status_code == 404
    assert signed_in(cast["stranger"]).get("/kerja/bantuan/tiket/999/").status_code == 404
    listing = signed_in(cast["stranger"]).get("/kerja/bantuan/")
    assert listing.status_code == 200 and "Rahasia-Tiket-5T" not in listing.content.decode()
    assert signed_in(cast["pembina"]).get("/kerja/bantuan/").status_code == 403
    assert "Rahasia-Tiket-5T" in signed_in(cast["walidata"]).get("/kerja/bantuan/").content.decode()


def test_list_filters_and_late_highlight(cast, ticket):
    other = open_ticket(
        cast["stranger"], at(1), subject="Peta kelurahan tidak tampil", category="peta"
    )
    walidata = signed_in(cast["walidata"])
    body = walidata.get("/kerja/bantuan/?kategori=peta").content.decode()
    assert "Peta kelurahan" in body and "Rahasia-Tiket-5T" not in body
    body = walidata.get(f"/kerja/bantuan/?opd={cast['other_org'].slug}").content.decode()
    assert "Peta kelurahan" in body and "Rahasia-Tiket-5T" not in body
    body = walidata.get("/kerja/bantuan/?terlambat=1").content.decode()
    assert "Peta kelurahan" in body and "past target" in body
    assert "Rahasia-Tiket-5T" not in walidata.get("/kerja/bantuan/?q=peta").content.decode()
    assert other.pk


def test_open_a_ticket_with_a_file_and_see_related_articles(cast):
    Article.objects.create(
        slug="a",
        question="Cara menulis metadata",
        answer="Isi semua kolom.",
        category="metadata",
        is_published=True,
    )
    client = signed_in(cast["produsen"])
    form = client.get("/kerja/bantuan/baru/?kategori=metadata").content.decode()
    assert "Cara menulis metadata" in form
    related = client.get("/kerja/bantuan/artikel-terkait/?category=metadata").content.decode()
    assert "Cara menulis metadata" in related
    response = client.post(
        "/kerja/bantuan/baru/",
        {
            "category": "metadata",
            "subject": "Metadata frekuensi",
            "description": "Bagaimana mengisi frekuensi?",
            "attachments": [SimpleUploadedFile("contoh.pdf", b"%PDF-1.4 a")],
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == ticket.get_absolute_url()
    attachment = ticket.attachments.get()
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 a"
    assert signed_in(cast["stranger"]).get(attachment.get_absolute_url()).status_code == 404
    bad = client.post(
        "/kerja/bantuan/baru/",
        {
            "category": "metadata",
            "subject": "x",
            "description": "y",
            "attachments": [SimpleUploadedFile("skrip.js", b"alert(1)")],
        },
    )
    assert (
        bad.status_code == 200 and "is not a file type the helpdesk accepts" in bad.content.decode()
    )
    assert signed_in(cast["walidata"]).get("/kerja/bantuan/baru/").status_code == 403


def test_dataset_choices_are_the_opener_s(cast):
    secret = make_dataset(cast["other_org"], access_level="tertutup", title="Data-Tertutup-Lain")
    body = signed_in(cast["produsen"]).get("/kerja/bantuan/baru/").content.decode()
    assert "Data-Tertutup-Lain" not in body
    assert secret.pk


def test_reply_manage_and_reopen_pages(cast, ticket):
    url = f"/kerja/bantuan/tiket/{ticket.pk}/"
    walidata = signed_in(cast["walidata"])
    response = walidata.post(
        url + "kelola/", {"status": "selesai", "priority": "tinggi", "assigned_to": ""}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "selesai"
    produsen = signed_in(cast["produsen"])
    assert (
        produsen.post(url + "kelola/", {"status": "baru", "priority": "normal"}).status_code == 403
    )
    page = produsen.get(url).content.decode()
    assert "Reopen the ticket" in page and "Send the reply" not in page
    assert produsen.post(url + "buka-lagi/", {"reason": "Belum"}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "baru"
    assert produsen.post(url + "balas/", {"body": "Terima kasih"}).status_code == 302
    empty = produsen.post(url + "balas/", {"body": ""})
    assert empty.status_code == 400
    assert signed_in(cast["stranger"]).post(url + "balas/", {"body": "x"}).status_code == 404


def test_article_from_a_ticket_answer_and_the_kb_pages(cast, ticket):
    answer = ticket.messages.get(from_walidata=True, kind="reply")
    walidata = signed_in(cast["walidata"])
    form = walidata.get(f"/kerja/bantuan/tiket/{ticket.pk}/jadikan-artikel/?pesan={answer.pk}")
    assert "Jawaban walidata soal kode wilayah." in form.content.decode()
    response = walidata.post(
        f"/kerja/bantuan/tiket/{ticket.pk}/jadikan-artikel/",
        {
            "question": "Kode wilayah ditolak?",
            "answer": "Gunakan kode **Kemendagri**.",
            "category": "unggah",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.source_ticket == ticket and article.is_published
    assert walidata.get("/kerja/bantuan/artikel/").status_code == 200
    for role in ("produsen", "pembina"):
        assert signed_in(cast[role]).get("/kerja/bantuan/artikel/").status_code == 403
        assert signed_in(cast[role]).get(
            f"/kerja/bantuan/tiket/{ticket.pk}/jadikan-artikel/"
        ).status_code in (403, 404)
    assert walidata.post(f"/kerja/bantuan/artikel/{article.pk}/hapus/").status_code == 302
    assert not Article.objects.exists()


def test_service_targets_page(cast):
    walidata = signed_in(cast["walidata"])
    bad = walidata.post(
        "/kerja/bantuan/target/",
        {"first_response_days": 1, "resolution_days": 5, "holidays": "17-08-2026"},
    )
    assert "Line 1, “17-08-2026”, is not a date" in bad.content.decode()
    ok = walidata.post(
        "/kerja/bantuan/target/",
        {"first_response_days": 2, "resolution_days": 6, "holidays": "2026-12-25\n"},
    )
    assert ok.status_code == 302
    target = ServiceTarget.current()
    assert (target.first_response_days, target.holidays) == (2, ["2026-12-25"])
    assert signed_in(cast["produsen"]).get("/kerja/bantuan/target/").status_code == 403
