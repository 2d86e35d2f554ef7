"""Personal API tokens: create (the raw token is returned once), revoke, authenticate.

Only `models.tokens.digest(raw)` is stored. Creating and revoking are written to the audit log;
`authenticate_token` only notes when a token was last used, at most once a minute."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from satudata.apps.accounts.models import ApiToken, User
from satudata.apps.accounts.models.tokens import digest, new_raw_token
from satudata.platform import audit

LAST_USED_RESOLUTION = timedelta(minutes=1)
PREFIX_LENGTH = 12


@transaction.atomic
def create_token(
    user: User, name: str, expires_at: datetime | None = None, *, ip: str = ""
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the stored row and the raw token (never stored)."""
    raw = new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:PREFIX_LENGTH],
        digest=digest(raw),
        expires_at=expires_at,
    )
    audit.record(
        "token.create",
        actor=user,
        obj=token,
        detail={
            "user": user.get_username(),
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
        ip=ip,
    )
    return token, raw


@transaction.atomic
def revoke_token(user: Any, token: ApiToken, *, ip: str = "") -> ApiToken:
    """Revoke `token` on behalf of `user` (its owner or a superuser); revoking twice is a no-op.

    `user` may be None when an operator revokes from the command line."""
    if user is not None and user.pk != token.user_id and not user.is_superuser:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        "token.revoke",
        actor=user,
        obj=token,
        detail={"user": token.user.get_username()},
        ip=ip,
    )
    return token


def authenticate_token(raw: str) -> User | None:
    """The active user a raw token belongs to, or None (unknown, revoked, expired, inactive)."""
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=digest(raw))
        .first()
    )
    if token is None or not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
