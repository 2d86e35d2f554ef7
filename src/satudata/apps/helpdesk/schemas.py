from datetime import datetime

from ninja import Schema


class FaqArticleOut(Schema):
    slug: str
    question: str
    answer: str
    category: str
    category_label: str
    updated_at: datetime
    url: str


class FaqPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[FaqArticleOut]


class DataRequestOut(Schema):
    id: int
    title: str
    description: str
    purpose: str
    wilayah: str
    period: str
    requester: str
    status: str
    status_label: str
    organisation: str | None
    answer: str
    dataset: str | None
    dataset_url: str | None
    created_at: datetime
    answered_at: datetime | None
    url: str


class DataRequestPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DataRequestOut]


class TimerOut(Schema):
    due: datetime
    seconds: int | None
    late: bool


class TicketOut(Schema):
    id: int
    subject: str
    category: str
    status: str
    priority: str
    organisation: str
    assigned_to: str | None
    dataset: str | None
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    first_response: TimerOut
    resolution: TimerOut
    url: str


class TicketPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[TicketOut]


class MessageOut(Schema):
    id: int
    kind: str
    author: str | None
    from_walidata: bool
    body: str
    detail: dict
    created_at: datetime
    attachments: list[str]


class TicketDetail(TicketOut):
    description: str
    messages: list[MessageOut]
