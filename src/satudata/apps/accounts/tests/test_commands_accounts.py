from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from satudata.apps.accounts.models import ApiToken, User
from satudata.apps.accounts.tokens import authenticate_token
from satudata.platform import audit
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db
STRONG = "Pelangi-Cisadane-2024"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_user_create_with_roles_and_organisation():
    org = make_org("opd")
    out, _err = run(
        "user",
        "create",
        "siti",
        "--org",
        org.slug,
        "--role",
        "produsen",
        "--role",
        "walidata_pendukung",
        "--email",
        "siti@example.go.id",
        "--password",
        STRONG,
    )
    user = User.objects.get(username="siti")
    assert user.organisation == org
    assert user.role_set == {"produsen", "walidata_pendukung"}
    assert user.check_password(STRONG)
    assert user.email == "siti@example.go.id"
    assert "siti" in out
    assert AuditEntry.objects.get(action="user.create").object_label == "siti"
    assert audit.verify_chain()[1] == []


def test_user_create_with_a_random_password_prints_it_once():
    org = make_org("opd")
    out, _err = run("user", "create", "budi", "--org", org.slug, "--random-password")
    password = out.split("Password: ")[1].strip()
    assert User.objects.get(username="budi").check_password(password)


def test_admin_role_makes_a_superuser_without_an_organisation():
    run("user", "create", "root", "--role", "admin", "--password", STRONG)
    user = User.objects.get(username="root")
    assert user.is_superuser
    assert user.is_staff
    assert "admin" in user.role_set


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "tidak-ada", "--password", STRONG], "No organisation"),
        (["--role", "produsen", "--password", STRONG], "--org"),
        (["--org", "{org}", "--password", "12345678"], "too common"),
    ],
)
def test_user_create_refuses_bad_input(args, message):
    org = make_org("opd")
    with pytest.raises(CommandError, match=message):
        run("user", "create", "baru", *[a.format(org=org.slug) for a in args])
    assert not User.objects.filter(username="baru").exists()


def test_user_create_refuses_an_existing_username():
    make_user(None, username="ada")
    with pytest.raises(CommandError, match="already exists"):
        run("user", "create", "ada", "--password", STRONG)


def test_user_create_without_a_terminal_needs_a_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO())
    with pytest.raises(CommandError, match="--random-password"):
        run("user", "create", "tanpa")


def test_user_list_shows_members_and_roles():
    org = make_org("opd")
    make_user(org, "produsen", username="ani")
    make_user(make_org("opd"), "produsen", username="eko")
    out, _err = run("user", "list", "--org", org.slug)
    assert "ani" in out
    assert "produsen" in out
    assert "eko" not in out


def test_token_create_prints_a_working_token_and_list_never_shows_it():
    user = make_user(make_org("opd"), "produsen", username="ani")
    out, err = run("token", "create", "ani", "--name", "SIMPUS", "--expires-days", "30")
    raw = out.strip()
    assert authenticate_token(raw) == user
    assert "shown only now" in err
    listed, _err = run("token", "list", "ani")
    assert "SIMPUS" in listed
    assert "active" in listed
    assert raw not in listed
    assert ApiToken.objects.get().expires_at is not None


def test_token_revoke_by_id():
    make_user(make_org("opd"), "produsen", username="ani")
    raw = run("token", "create", "ani")[0].strip()
    token = ApiToken.objects.get()
    out, _err = run("token", "revoke", str(token.pk))
    assert "revoked" in out
    assert authenticate_token(raw) is None
    assert "revoked" in run("token", "list", "ani")[0]
    entry = AuditEntry.objects.get(action="token.revoke")
    assert entry.actor_id is None


def test_token_commands_name_what_is_missing():
    with pytest.raises(CommandError, match="No user"):
        run("token", "create", "siapa")
    with pytest.raises(CommandError, match="No token"):
        run("token", "revoke", "999")
