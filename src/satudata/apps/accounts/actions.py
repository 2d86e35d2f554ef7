"""Creating organisations and people (the command line and the demo use these)."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from satudata.apps.accounts.models import Organisation, Role, RoleGrant, User
from satudata.platform import audit


@transaction.atomic
def do_create_organisation(
    *, actor: Any = None, slug: str, name: str, kind: str, **fields: Any
) -> Organisation:
    organisation = Organisation.objects.create(slug=slug, name=name, kind=kind, **fields)
    audit.record("organisation.create", actor=actor, obj=organisation, detail={"kind": kind})
    return organisation


@transaction.atomic
def do_create_user(
    *,
    actor: Any = None,
    username: str,
    organisation: Organisation | None,
    roles: Iterable[str] = (),
    password: str | None = None,
    email: str = "",
    full_name: str = "",
) -> User:
    """A new account; `password` None leaves it unusable until set. The `admin` role makes a
    superuser (staff of the Django admin too); other roles become role grants."""
    roles = sorted(set(roles))
    admin = Role.ADMIN in roles
    user = User(
        username=username,
        organisation=organisation,
        email=email,
        full_name=full_name,
        is_staff=admin,
        is_superuser=admin,
    )
    user.set_password(password)
    user.save()
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=user, role=role) for role in roles if role != Role.ADMIN]
    )
    audit.record(
        "user.create",
        actor=actor,
        obj=user,
        label=username,
        detail={"roles": roles, "organisation": organisation.slug if organisation else None},
    )
    return user
