"""Writes of the helpdesk: opening a ticket, replies of both sides with their files, the
walidata's status, priority and assignment changes, reopening, the service targets and the
knowledge base articles. Each change tells the other side (in the app and by email)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import User
from satudata.apps.accounts.notify import notify, people_with_role
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.helpdesk import files
from satudata.apps.helpdesk.models import (
    Article,
    Category,
    Priority,
    ServiceTarget,
    Status,
    Ticket,
    TicketAttachment,
    TicketMessage,
)
from satudata.platform import access, audit
from satudata.platform import access_helpdesk as gate

MAX_BODY = 10000


def organisation_staff(organisation_id: int) -> QuerySet:
    return User.objects.filter(
        is_active=True,
        organisation_id=organisation_id,
        grants__role__in=sorted(access.PRODUCER_ROLES),
    ).distinct()


def _walidata_side(ticket: Ticket) -> list[Any]:
    if ticket.assigned_to_id is not None and ticket.assigned_to.is_active:
        return [ticket.assigned_to]
    return list(people_with_role("walidata"))


def actor_name(user: Any) -> str:
    return getattr(user, "full_name", "") or user.get_username()


def _params(ticket: Ticket, actor: Any, **extra: Any) -> dict[str, Any]:
    return {"actor": actor_name(actor), "number": ticket.pk, "subject": ticket.subject, **extra}


def _tell(recipients: Iterable[Any], actor: Any, verb: str, ticket: Ticket, **extra: Any) -> None:
    people = [p for p in recipients if p is not None and p.pk != actor.pk]
    if people:
        notify(people, verb, _params(ticket, actor, **extra), ticket.get_absolute_url())


def required_text(value: str, label: str, limit: int = MAX_BODY) -> str:
    """The stripped text, refused when empty or longer than `limit`."""
    value = (value or "").strip()
    if not value:
        raise ActionError(_("Write the %(field)s: it may not be empty.") % {"field": label})
    if len(value) > limit:
        raise ActionError(
            _("The %(field)s has %(count)s characters; at most %(max)s are accepted.")
            % {"field": label, "count": len(value), "max": limit}
        )
    return value


def _attach(
    ticket: Ticket, message: TicketMessage, user: Any, incoming: list[files.Incoming]
) -> None:
    now = timezone.now()
    for item in incoming:
        stored = files.store(item)
        TicketAttachment.objects.create(
            ticket=ticket,
            message=message,
            file_path=stored.path,
            file_name=stored.name,
            media_type=stored.media_type,
            size=stored.size,
            added_by=user,
            created_at=now,
        )


@transaction.atomic
def check_open_ticket(
    *,
    user: Any,
    category: str,
    subject: str,
    description: str,
    dataset_slug: str = "",
    attachments: list[files.Incoming] | None = None,
    ip: str = "",
) -> Ticket:
    viewer = access.viewer_for(user)
    if not gate.can_open_ticket(viewer):
        raise NotAllowed(
            _("Only the staff of an OPD (produsen, walidata pendukung) open helpdesk tickets.")
        )
    if category not in Category.values:
        raise ActionError(
            _("“%(value)s” is not a helpdesk category. Choose one of the list.")
            % {"value": category}
        )
    subject = required_text(subject, _("subject"), 200)
    description = required_text(description, _("description"))
    dataset = None
    if dataset_slug:
        dataset = gate.linkable_datasets(viewer).filter(slug=dataset_slug).first()
        if dataset is None:
            raise ActionError(
                _(
                    "No dataset “%(slug)s” that you may see: choose one from the list or "
                    "leave it empty."
                )
                % {"slug": dataset_slug}
            )
    incoming = attachments or []
    files.check_files(incoming)
    now = timezone.now()
    ticket = Ticket.objects.create(
        organisation_id=viewer.organisation_id,
        opened_by=user,
        category=category,
        subject=subject,
        description=description,
        dataset=dataset,
        opened_at=now,
        updated_at=now,
    )
    if incoming:
        message = TicketMessage.objects.create(
            ticket=ticket, author=user, kind=TicketMessage.Kind.REPLY, body="", created_at=now
        )
        _attach(ticket, message, user, incoming)
    audit.record(
        "helpdesk.ticket.open",
        actor=user,
        obj=ticket,
        detail={"category": category, "files": len(incoming)},
        ip=ip,
    )
    _tell(people_with_role("walidata"), user, "ticket_opened", ticket)
    return ticket


@transaction.atomic
def check_reply(
    *,
    user: Any,
    ticket: Ticket,
    body: str,
    attachments: list[files.Incoming] | None = None,
    status: str = "",
    ip: str = "",
) -> TicketMessage:
    """A reply. The walidata's first reply stops the first-response timer and the ticket is
    answered (or waits for the OPD, when chosen); a reply of the OPD puts it back to new."""
    viewer = access.viewer_for(user)
    if not gate.sees_ticket(viewer, ticket):
        raise NotAllowed(_("You may not see this ticket."))
    if not gate.can_reply(viewer, ticket):
        raise ActionError(
            _("Ticket #%(number)s is %(status)s: reopen it first to write in it.")
            % {"number": ticket.pk, "status": ticket.get_status_display().lower()}
        )
    body = required_text(body, _("reply"))
    incoming = attachments or []
    files.check_files(incoming)
    from_walidata = viewer.is_walidata
    wanted = status or Status.DIBALAS
    if from_walidata and wanted not in (Status.DIBALAS, Status.MENUNGGU_OPD, Status.SELESAI):
        raise ActionError(
            _("After a reply the ticket is answered, waits for the OPD or is resolved.")
        )
    now = timezone.now()
    message = TicketMessage.objects.create(
        ticket=ticket,
        author=user,
        kind=TicketMessage.Kind.REPLY,
        from_walidata=from_walidata,
        body=body,
        created_at=now,
    )
    _attach(ticket, message, user, incoming)
    if from_walidata:
        if ticket.first_response_at is None:
            ticket.first_response_at = now
        _set_status(ticket, wanted, now)
    elif ticket.status in (Status.DIBALAS, Status.MENUNGGU_OPD):
        ticket.status = Status.BARU
    ticket.updated_at = now
    ticket.save()
    audit.record(
        "helpdesk.ticket.reply",
        actor=user,
        obj=ticket,
        detail={"files": len(incoming), "status": ticket.status},
        ip=ip,
    )
    if from_walidata:
        _tell(organisation_staff(ticket.organisation_id), user, "ticket_replied", ticket)
    else:
        _tell(_walidata_side(ticket), user, "ticket_replied", ticket)
    return message


def _set_status(ticket: Ticket, status: str, now: Any) -> None:
    ticket.status = status
    if status in (Status.SELESAI, Status.DITUTUP):
        if ticket.resolved_at is None:
            ticket.resolved_at = now
    else:
        ticket.resolved_at = None


def _status_label(status: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(Status(status).label)


def _event(
    ticket: Ticket,
    user: Any,
    kind: str,
    body: str,
    now: Any,
    from_walidata: bool = True,
    **detail: Any,
) -> None:
    TicketMessage.objects.create(
        ticket=ticket,
        author=user,
        kind=kind,
        from_walidata=from_walidata,
        body=body,
        detail=detail,
        created_at=now,
    )


@transaction.atomic
def check_manage_ticket(
    *,
    user: Any,
    ticket: Ticket,
    status: str,
    priority: str,
    assigned_to: int | None,
    note: str = "",
    ip: str = "",
) -> Ticket:
    """The walidata sets the status, priority and assignee; each change goes into the thread."""
    viewer = access.viewer_for(user)
    if not gate.can_manage_ticket(viewer, ticket):
        raise NotAllowed(_("Only the walidata changes the status, priority or assignee."))
    if status not in Status.values:
        raise ActionError(_("“%(value)s” is not a ticket status.") % {"value": status})
    if priority not in Priority.values:
        raise ActionError(_("“%(value)s” is not a priority.") % {"value": priority})
    assignee = None
    if assigned_to is not None:
        assignee = people_with_role("walidata").filter(pk=assigned_to).first()
        if assignee is None:
            raise ActionError(_("A ticket is assigned to a walidata account only."))
    note = (note or "").strip()[:2000]
    now = timezone.now()
    changed: dict[str, str] = {}
    if status != ticket.status:
        changed["status"] = status
        _event(ticket, user, TicketMessage.Kind.STATUS, note, now, old=ticket.status, new=status)
        _set_status(ticket, status, now)
    if priority != ticket.priority:
        changed["priority"] = priority
        _event(
            ticket, user, TicketMessage.Kind.PRIORITY, "", now, old=ticket.priority, new=priority
        )
        ticket.priority = priority
    if (assignee.pk if assignee else None) != ticket.assigned_to_id:
        changed["assigned_to"] = assignee.get_username() if assignee else ""
        name = (assignee.full_name or assignee.get_username()) if assignee else ""
        _event(ticket, user, TicketMessage.Kind.ASSIGN, "", now, new=name)
        ticket.assigned_to = assignee
    if not changed:
        return ticket
    ticket.updated_at = now
    ticket.save()
    audit.record("helpdesk.ticket.manage", actor=user, obj=ticket, detail=changed, ip=ip)
    if "status" in changed:
        _tell(
            organisation_staff(ticket.organisation_id),
            user,
            "ticket_status",
            ticket,
            status=_status_label(status),
        )
    if "assigned_to" in changed and assignee is not None:
        _tell([assignee], user, "ticket_assigned", ticket)
    return ticket


@transaction.atomic
def check_reopen(*, user: Any, ticket: Ticket, reason: str = "", ip: str = "") -> Ticket:
    viewer = access.viewer_for(user)
    if not gate.sees_ticket(viewer, ticket):
        raise NotAllowed(_("You may not see this ticket."))
    if not gate.can_reopen(viewer, ticket):
        raise ActionError(_("Ticket #%(number)s is still open.") % {"number": ticket.pk})
    now = timezone.now()
    _event(
        ticket,
        user,
        TicketMessage.Kind.STATUS,
        (reason or "").strip()[:2000],
        now,
        viewer.is_walidata,
        old=ticket.status,
        new=Status.BARU,
    )
    _set_status(ticket, Status.BARU, now)
    ticket.updated_at = now
    ticket.save()
    audit.record("helpdesk.ticket.reopen", actor=user, obj=ticket, ip=ip)
    other = (
        organisation_staff(ticket.organisation_id) if viewer.is_walidata else _walidata_side(ticket)
    )
    _tell(other, user, "ticket_status", ticket, status=_status_label(Status.BARU))
    return ticket


@transaction.atomic
def check_save_targets(
    *,
    user: Any,
    first_response_days: int,
    resolution_days: int,
    holidays: list[date],
    ip: str = "",
) -> ServiceTarget:
    if not access.viewer_for(user).is_walidata:
        raise NotAllowed(_("Only the walidata sets the service targets."))
    if not 1 <= first_response_days <= 30 or not 1 <= resolution_days <= 90:
        raise ActionError(
            _(
                "A first response is due within 1 to 30 working days and a resolution within "
                "1 to 90."
            )
        )
    if resolution_days < first_response_days:
        raise ActionError(
            _(
                "The resolution target (%(res)s days) may not be shorter than the first "
                "response target (%(first)s days)."
            )
            % {"res": resolution_days, "first": first_response_days}
        )
    target = ServiceTarget.current()
    target.first_response_days = first_response_days
    target.resolution_days = resolution_days
    target.holidays = sorted({d.isoformat() for d in holidays})
    target.updated_by = user
    target.save()
    audit.record(
        "helpdesk.targets",
        actor=user,
        obj=target,
        detail={"first_response_days": first_response_days, "resolution_days": resolution_days},
        ip=ip,
    )
    return target


def _unique_slug(question: str, current: Article | None) -> str:
    base = slugify(question)[:100] or "artikel"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exclude(pk=current.pk if current else None).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def check_save_article(
    *,
    user: Any,
    question: str,
    answer: str,
    category: str,
    is_published: bool,
    article: Article | None = None,
    source_ticket: Ticket | None = None,
    ip: str = "",
) -> Article:
    if not gate.can_edit_articles(access.viewer_for(user)):
        raise NotAllowed(_("Only the walidata writes the knowledge base."))
    if category not in Category.values:
        raise ActionError(_("“%(value)s” is not a helpdesk category.") % {"value": category})
    question = required_text(question, _("question"), 300)
    answer = required_text(answer, _("answer"), 20000)
    created = article is None
    if article is None:
        article = Article(created_by=user, source_ticket=source_ticket)
    if created or article.question != question:
        article.slug = _unique_slug(question, None if created else article)
    article.question = question
    article.answer = answer
    article.category = category
    article.is_published = is_published
    article.save()
    audit.record(
        "helpdesk.article.create" if created else "helpdesk.article.update",
        actor=user,
        obj=article,
        detail={"published": is_published},
        ip=ip,
    )
    return article


@transaction.atomic
def check_delete_article(*, user: Any, article: Article, ip: str = "") -> None:
    if not gate.can_edit_articles(access.viewer_for(user)):
        raise NotAllowed(_("Only the walidata writes the knowledge base."))
    audit.record("helpdesk.article.delete", actor=user, obj=article, ip=ip)
    article.delete()
