from satudata.apps.helpdesk.models.articles import Article
from satudata.apps.helpdesk.models.requests import DataRequest
from satudata.apps.helpdesk.models.tickets import (
    Category,
    Priority,
    ServiceTarget,
    Status,
    Ticket,
    TicketAttachment,
    TicketMessage,
)

__all__ = [
    "Article",
    "Category",
    "DataRequest",
    "Priority",
    "ServiceTarget",
    "Status",
    "Ticket",
    "TicketAttachment",
    "TicketMessage",
]
