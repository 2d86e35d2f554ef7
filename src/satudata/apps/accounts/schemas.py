from datetime import datetime

from ninja import Schema


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    organisation: OrganisationOut | None
    roles: list[str]


class TokenIn(Schema):
    name: str
    expires_at: datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str
