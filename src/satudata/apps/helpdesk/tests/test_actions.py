"""Ticket actions: who may do what, the messages of refused input, status transitions, the
timers at frozen times, attachments and the notifications of the other side."""

import pytest

from satudata.apps.accounts.models import Notification
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.demo.clock import frozen_at
from satudata.apps.helpdesk import actions, queries
from satudata.apps.helpdesk.files import MAX_FILE_BYTES
from satudata.apps.helpdesk.models import ServiceTarget, Status, TicketAttachment
from satudata.apps.helpdesk.tests.helpers import a_file, at, open_ticket, reply
from satudata.apps.portal.tests.helpers import people
from satudata.platform import storage
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return people()


def test_only_opd_staff_open_tickets(cast, english):
    for role in ("walidata", "pembina", "partner"):
        with pytest.raises(NotAllowed):
            open_ticket(cast[role])
    ticket = open_ticket(cast["produsen"])
    assert ticket.organisation == cast["org"]
    assert ticket.status == Status.BARU
    assert AuditEntry.objects.filter(action="helpdesk.ticket.open").count() == 1


def test_validation_messages(cast, english, tmp_path):
    with pytest.raises(ActionError, match="Write the subject"):
        open_ticket(cast["produsen"], subject="  ")
    with pytest.raises(ActionError, match="not a helpdesk category"):
        open_ticket(cast["produsen"], category="gosip")
    with pytest.raises(ActionError, match=r"“virus\.exe” is not a file type"):
        open_ticket(cast["produsen"], attachments=[a_file(tmp_path, "virus.exe")])
    big = a_file(tmp_path, "besar.pdf", b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(
        ActionError, match=r"“besar\.pdf” is 10\.0 MB; one file may be at most 10 MB"
    ):
        open_ticket(cast["produsen"], attachments=[big])
    many = [a_file(tmp_path, f"f{i}.pdf") for i in range(6)]
    with pytest.raises(ActionError, match="You attached 6 files; at most 5"):
        open_ticket(cast["produsen"], attachments=many)
    assert not TicketAttachment.objects.exists()


def test_linked_dataset_must_be_visible_to_the_opener(cast, english):
    hidden = make_dataset(cast["other_org"], access_level="tertutup")
    with pytest.raises(ActionError, match="No dataset"):
        open_ticket(cast["produsen"], dataset_slug=hidden.slug)
    own = make_dataset(cast["org"], access_level="tertutup")
    assert open_ticket(cast["produsen"], dataset_slug=own.slug).dataset == own


def test_attachments_are_stored(cast, tmp_path):
    ticket = open_ticket(cast["produsen"], attachments=[a_file(tmp_path, "Bukti.PDF")])
    stored = ticket.attachments.get()
    assert stored.media_type == "application/pdf"
    assert storage.absolute(stored.file_path).read_bytes() == b"%PDF-1.4 isi"
    message = reply(
        cast["walidata"], ticket, at(7, 11), attachments=[a_file(tmp_path, "jawab.xlsx", b"PK")]
    )
    assert message.attachments.get().file_name == "jawab.xlsx"


def test_replies_move_the_status_and_stop_the_first_response_timer(cast, english):
    ticket = open_ticket(cast["produsen"], at(7, 9))
    reply(cast["produsen"], ticket, at(7, 9, 30), "Tambahan info.")
    ticket.refresh_from_db()
    assert ticket.status == Status.BARU and ticket.first_response_at is None
    reply(cast["walidata"], ticket, at(7, 13))
    ticket.refresh_from_db()
    assert ticket.status == Status.DIBALAS and ticket.first_response_at == at(7, 13)
    reply(cast["produsen"], ticket, at(8, 9), "Masih gagal.")
    ticket.refresh_from_db()
    assert ticket.status == Status.BARU
    reply(cast["walidata"], ticket, at(9, 10), "Coba lagi.", status=Status.MENUNGGU_OPD)
    ticket.refresh_from_db()
    assert ticket.status == Status.MENUNGGU_OPD and ticket.first_response_at == at(7, 13)
    with pytest.raises(ActionError, match="answered, waits for the OPD or is resolved"):
        actions.check_reply(user=cast["walidata"], ticket=ticket, body="x", status="ditutup")
    reply(cast["walidata"], ticket, at(10, 10), "Beres.", status=Status.SELESAI)
    ticket.refresh_from_db()
    assert ticket.status == Status.SELESAI and ticket.resolved_at == at(10, 10)
    with pytest.raises(ActionError, match="reopen it first"):
        reply(cast["produsen"], ticket, at(10, 11))


def test_other_opd_and_pembina_may_not_reply(cast):
    ticket = open_ticket(cast["produsen"])
    for role in ("stranger", "pembina"):
        with pytest.raises(NotAllowed):
            reply(cast[role], ticket, at(7, 11))


def test_manage_and_reopen(cast, english):
    ticket = open_ticket(cast["produsen"], at(7))
    with pytest.raises(NotAllowed):
        actions.check_manage_ticket(
            user=cast["produsen"],
            ticket=ticket,
            status="selesai",
            priority="normal",
            assigned_to=None,
        )
    with pytest.raises(ActionError, match="assigned to a walidata account only"):
        actions.check_manage_ticket(
            user=cast["walidata"],
            ticket=ticket,
            status="baru",
            priority="normal",
            assigned_to=cast["produsen"].pk,
        )
    with frozen_at(at(8)):
        actions.check_manage_ticket(
            user=cast["walidata"],
            ticket=ticket,
            status="ditutup",
            priority="tinggi",
            assigned_to=cast["walidata"].pk,
            note="Duplikat dari #1",
        )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority, ticket.assigned_to) == (
        "ditutup",
        "tinggi",
        cast["walidata"],
    )
    assert ticket.resolved_at == at(8)
    kinds = list(ticket.messages.values_list("kind", flat=True))
    assert kinds == ["status", "priority", "assign"]
    with pytest.raises(NotAllowed):
        actions.check_reopen(user=cast["stranger"], ticket=ticket)
    with frozen_at(at(9)):
        actions.check_reopen(user=cast["produsen"], ticket=ticket, reason="Belum beres")
    ticket.refresh_from_db()
    assert ticket.status == Status.BARU and ticket.resolved_at is None
    with pytest.raises(ActionError, match="still open"):
        actions.check_reopen(user=cast["produsen"], ticket=ticket)


def test_timers_and_averages_against_the_targets(cast):
    ServiceTarget.objects.create(first_response_days=1, resolution_days=2)
    quick = open_ticket(cast["produsen"], at(7, 9))
    reply(cast["walidata"], quick, at(7, 11), status=Status.SELESAI)
    slow = open_ticket(cast["produsen"], at(7, 10))
    reply(cast["walidata"], slow, at(9, 10))
    waiting = open_ticket(cast["produsen"], at(10, 10))
    with frozen_at(at(11, 12)):
        rows = queries.ticket_rows(_viewer(cast["walidata"]), queries.TicketFilters())
        late = queries.ticket_rows(_viewer(cast["walidata"]), queries.TicketFilters(late=True))
    by_id = {r.ticket.pk: r for r in rows}
    assert not by_id[quick.pk].late
    assert by_id[slow.pk].first_response.late and by_id[slow.pk].resolution.late
    assert by_id[waiting.pk].first_response.late
    assert {r.ticket.pk for r in late} == {slow.pk, waiting.pk}
    result = queries.summary(rows)
    assert result.average_first_response.total_seconds() == (2 * 3600 + 48 * 3600) / 2
    assert result.average_resolution.total_seconds() == 2 * 3600
    assert (result.late_first_response, result.late_resolution) == (2, 1)


def _viewer(user):
    from satudata.platform.access import viewer_for

    return viewer_for(user)


def test_notifications_go_to_the_other_side(cast, mailoutbox, django_capture_on_commit_callbacks):
    cast["walidata"].email = "walidata@example.go.id"
    cast["walidata"].save()
    with django_capture_on_commit_callbacks(execute=True):
        ticket = open_ticket(cast["produsen"])
    assert Notification.objects.filter(user=cast["walidata"], verb="ticket_opened").count() == 1
    assert mailoutbox and mailoutbox[-1].to == ["walidata@example.go.id"]
    reply(cast["walidata"], ticket, at(7, 11))
    assert Notification.objects.filter(user=cast["produsen"], verb="ticket_replied").exists()
    assert not Notification.objects.filter(user=cast["stranger"]).exists()
    reply(cast["produsen"], ticket, at(7, 12))
    assert Notification.objects.filter(user=cast["walidata"], verb="ticket_replied").exists()
    actions.check_manage_ticket(
        user=cast["walidata"], ticket=ticket, status="selesai", priority="normal", assigned_to=None
    )
    notice = Notification.objects.get(user=cast["produsen"], verb="ticket_status")
    assert notice.params["number"] == ticket.pk


def test_targets_and_articles_are_the_walidata_s(cast, english):
    with pytest.raises(NotAllowed):
        actions.check_save_targets(
            user=cast["produsen"], first_response_days=1, resolution_days=5, holidays=[]
        )
    with pytest.raises(ActionError, match="may not be shorter"):
        actions.check_save_targets(
            user=cast["walidata"], first_response_days=3, resolution_days=2, holidays=[]
        )
    with pytest.raises(NotAllowed):
        actions.check_save_article(
            user=cast["produsen"], question="Q", answer="A", category="metadata", is_published=True
        )
    first = actions.check_save_article(
        user=cast["walidata"],
        question="Apa itu walidata?",
        answer="A",
        category="lainnya",
        is_published=True,
    )
    second = actions.check_save_article(
        user=cast["walidata"],
        question="Apa itu walidata?",
        answer="B",
        category="lainnya",
        is_published=False,
    )
    assert first.slug == "apa-itu-walidata" and second.slug == "apa-itu-walidata-2"
