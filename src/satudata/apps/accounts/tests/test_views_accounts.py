import re

import pytest
from django.core import mail

from satudata.apps.accounts.models import ApiToken, Notification
from satudata.apps.accounts.models.tokens import digest
from satudata.apps.accounts.notify import notify
from satudata.apps.portal.tests.helpers import english_client, signed_in
from satudata.platform.testing.factories import PASSWORD, make_org, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return make_user(make_org("opd"), "produsen", username="siti")


def test_sign_in_leads_to_the_workspace(user):
    client = english_client()
    assert client.get("/akun/masuk/").status_code == 200
    response = client.post("/akun/masuk/", {"username": "siti", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/kerja/"
    assert client.get("/kerja/").status_code == 200


def test_sign_in_returns_to_next(user):
    response = english_client().post(
        "/akun/masuk/", {"username": "siti", "password": PASSWORD, "next": "/akun/token/"}
    )
    assert response["Location"] == "/akun/token/"


def test_repeated_failures_lock_the_account_out(user, settings):
    client = english_client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/akun/masuk/", {"username": "siti", "password": "salah"})
        assert response.status_code == 200
    locked = client.post("/akun/masuk/", {"username": "siti", "password": "salah"})
    assert locked.status_code == 429
    assert "Sign-in temporarily locked" in locked.content.decode()
    assert "locked for 15 minutes" in locked.content.decode()
    again = client.post("/akun/masuk/", {"username": "siti", "password": PASSWORD})
    assert again.status_code == 429


def test_sign_out_is_a_post(user):
    client = signed_in(user)
    assert client.get("/akun/keluar/").status_code == 405
    assert client.post("/akun/keluar/")["Location"] == "/"
    assert client.get("/kerja/").status_code == 302


def test_password_change(user):
    client = signed_in(user)
    response = client.post(
        "/akun/sandi/ubah/",
        {
            "old_password": PASSWORD,
            "new_password1": "Baru-sekali-2025",
            "new_password2": "Baru-sekali-2025",
        },
    )
    assert response["Location"] == "/akun/sandi/ubah/selesai/"
    user.refresh_from_db()
    assert user.check_password("Baru-sekali-2025")


def test_password_reset_by_email(user):
    client = english_client()
    response = client.post("/akun/sandi/lupa/", {"email": user.email})
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "siti" in message.body
    link = re.search(r"http://testserver(/akun/sandi/atur/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Set a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Baru-sekali-2025", "new_password2": "Baru-sekali-2025"},
    )
    assert done["Location"] == "/akun/sandi/atur/selesai/"
    user.refresh_from_db()
    assert user.check_password("Baru-sekali-2025")


def test_token_is_shown_once_then_only_its_prefix(user):
    client = signed_in(user)
    response = client.post("/akun/token/", {"name": "SIMPEG"})
    raw = response.context["created"]["raw"]
    token = ApiToken.objects.get(user=user)
    assert token.digest == digest(raw)
    assert raw in response.content.decode()
    again = client.get("/akun/token/").content.decode()
    assert raw not in again
    assert token.prefix in again and "SIMPEG" in again


def test_token_expiry_must_be_in_the_future(user):
    response = signed_in(user).post("/akun/token/", {"name": "x", "expires_at": "2000-01-01"})
    assert "Choose a date in the future." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_a_token_only_your_own(user):
    client = signed_in(user)
    client.post("/akun/token/", {"name": "lama"})
    token = ApiToken.objects.get()
    other = signed_in(make_user(make_org("opd"), "produsen"))
    assert other.post(f"/akun/token/{token.pk}/cabut/").status_code == 404
    client.post(f"/akun/token/{token.pk}/cabut/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_notifications_are_rendered_and_marked_read(user):
    notify([user], "returned", {"dataset": "Balita", "actor": "Wali", "note": "Isi satuan"}, "/d/")
    notify([user], "published", {"dataset": "Sekolah", "actor": "Wali"}, "/e/")
    client = signed_in(user)
    page = client.get("/akun/notifikasi/").content.decode()
    assert "“Balita” was returned by Wali: Isi satuan" in page
    first = Notification.objects.get(verb="returned")
    client.post("/akun/notifikasi/baca/", {"id": first.pk})
    assert list(
        Notification.objects.filter(read_at__isnull=True).values_list("verb", flat=True)
    ) == ["published"]
    client.post("/akun/notifikasi/baca/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_account_pages_need_sign_in():
    client = english_client()
    for url in ("/akun/token/", "/akun/notifikasi/", "/akun/sandi/ubah/"):
        assert client.get(url)["Location"].startswith("/akun/masuk/"), url
