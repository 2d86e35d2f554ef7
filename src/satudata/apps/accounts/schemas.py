from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, Field

MAX_TOKEN_DAYS = 3650


def _a_number(value: Any) -> Any:
    """JSON numbers only (1 and 1.0 alike), never true/false or a numeric string."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ValueError("must be a whole number of days")
    return value


WholeDays = Annotated[int | None, BeforeValidator(_a_number)]


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str


class OrganisationSummary(OrganisationOut):
    dataset_count: int
    url: str


class OrganisationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[OrganisationSummary]


class TopicCount(Schema):
    slug: str | None
    name: str | None
    dataset_count: int


class OrganisationDetail(OrganisationSummary):
    description: str
    kode_wilayah: str
    email: str
    website: str
    address: str
    topics: list[TopicCount]


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    organisation: OrganisationOut | None
    roles: list[str]


class TokenIn(Schema):
    name: str = Field(
        min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$"
    )
    expires_in_days: WholeDays = Field(
        None,
        ge=1,
        le=MAX_TOKEN_DAYS,
        description="Days until the token expires; none: never.",
    )


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
