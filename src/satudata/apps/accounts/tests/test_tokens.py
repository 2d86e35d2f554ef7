from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from satudata.apps.accounts.models import ApiToken
from satudata.apps.accounts.models.tokens import TOKEN_PREFIX, digest
from satudata.apps.accounts.tokens import authenticate_token, create_token, revoke_token
from satudata.platform import audit
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return make_user(make_org("opd"), "produsen")


def test_only_the_digest_is_stored_and_the_raw_token_authenticates(owner):
    token, raw = create_token(owner, "SIMPUS")
    assert raw.startswith(TOKEN_PREFIX)
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == digest(raw)
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)
    assert authenticate_token(raw) == owner
    assert authenticate_token(raw + "x") is None
    assert authenticate_token(stored.digest) is None


def test_creating_and_revoking_are_audited_in_an_intact_chain(owner):
    token, _raw = create_token(owner, "SIMPUS")
    revoke_token(owner, token)
    entries = list(AuditEntry.objects.order_by("seq").values_list("action", "object_id"))
    assert entries == [("token.create", str(token.pk)), ("token.revoke", str(token.pk))]
    assert audit.verify_chain()[1] == []


def test_a_revoked_token_is_refused_and_revoking_again_changes_nothing(owner):
    token, raw = create_token(owner, "SIMPUS")
    revoked = revoke_token(owner, token)
    assert revoked.revoked_at is not None
    assert authenticate_token(raw) is None
    again = revoke_token(owner, token)
    assert again.revoked_at == revoked.revoked_at
    assert AuditEntry.objects.filter(action="token.revoke").count() == 1


def test_an_expired_token_is_refused(owner):
    _token, raw = create_token(owner, "lama", timezone.now() - timedelta(seconds=1))
    assert authenticate_token(raw) is None
    _token, fresh = create_token(owner, "baru", timezone.now() + timedelta(days=1))
    assert authenticate_token(fresh) == owner


def test_the_token_of_an_inactive_user_is_refused(owner):
    _token, raw = create_token(owner, "SIMPUS")
    owner.is_active = False
    owner.save()
    assert authenticate_token(raw) is None


def test_only_the_owner_or_a_superuser_may_revoke(owner):
    token, raw = create_token(owner, "SIMPUS")
    stranger = make_user(make_org("opd"), "produsen")
    with pytest.raises(PermissionDenied):
        revoke_token(stranger, token)
    assert authenticate_token(raw) == owner
    admin = make_user(None, is_superuser=True)
    revoke_token(admin, token)
    assert authenticate_token(raw) is None
    assert AuditEntry.objects.get(action="token.revoke").actor_id == admin.pk


def test_last_used_is_written_at_most_once_a_minute(owner):
    token, raw = create_token(owner, "SIMPUS")
    authenticate_token(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    authenticate_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    authenticate_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first
