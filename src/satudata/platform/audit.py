"""Writing to and verifying the hash-chained audit log.

Every action calls `record` inside its transaction, and every read of tertutup content is
recorded as a `dataset.read` entry (`record_many` for a page of results: one entry per dataset).
`verify_chain` recomputes every hash (`satudata audit verify`)."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.platform.models import AuditChainHead, AuditEntry
from satudata.platform.models.audit import GENESIS


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "")[:64]


def _entry(
    head: AuditChainHead,
    action: str,
    actor: Any,
    obj: models.Model | None,
    label: str,
    detail: dict[str, Any] | None,
    ip: str,
) -> AuditEntry:
    """The next entry after `head`, hashed; `head` moves on to it (the caller saves both)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor_id=user.pk if user else None,
        actor_name=user.get_username() if user else "",
        organisation_id=getattr(user, "organisation_id", None) if user else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(label or (str(obj) if obj is not None else ""))[:300],
        ip=ip,
        detail=detail or {},
        prev_hash=head.hash,
    )
    entry.hash = entry.compute_hash()
    head.seq = entry.seq
    head.hash = entry.hash
    return entry


def record(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    label: str = "",
    detail: dict[str, Any] | None = None,
    ip: str = "",
) -> AuditEntry:
    """Append one entry. Runs in its own (nested) transaction and locks the chain head."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = _entry(head, action, actor, obj, label, detail, ip)
        entry.save()
        head.save(update_fields=["seq", "hash"])
    return entry


def record_many(
    action: str,
    objs: Sequence[models.Model],
    *,
    actor: Any = None,
    detail: dict[str, Any] | None = None,
    ip: str = "",
) -> list[AuditEntry]:
    """Append one entry per object (the same action and detail) under one lock of the chain
    head, in one insert: a page of search results costs one round trip, not one per dataset."""
    if not objs:
        return []
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entries = [_entry(head, action, actor, obj, "", detail, ip) for obj in objs]
        AuditEntry.objects.bulk_create(entries)
        head.save(update_fields=["seq", "hash"])
    return entries


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def _entries() -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> tuple[int, list[ChainBreak]]:
    """Recompute the chain; return the number of entries checked and every break found."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in _entries():
        count += 1
        if entry.seq != expected_seq:
            breaks.append(ChainBreak(entry.seq, _("entries are missing before this one")))
        if entry.prev_hash != expected_prev:
            breaks.append(ChainBreak(entry.seq, _("the previous hash does not match")))
        if entry.compute_hash() != entry.hash:
            breaks.append(ChainBreak(entry.seq, _("the content changed after it was written")))
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != expected_seq - 1 or head.hash != expected_prev):
        breaks.append(ChainBreak(head.seq, _("the latest entries were removed")))
    return count, breaks
