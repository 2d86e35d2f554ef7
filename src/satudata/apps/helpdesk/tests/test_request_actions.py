"""Data request actions: submitting (the requester's email with the private link), forwarding
(the OPD's staff are told), answering and the rule that only terbuka, published data is linked."""

import pytest

from satudata.apps.accounts.models import Notification
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.helpdesk.models import DataRequest
from satudata.apps.helpdesk.request_actions import (
    check_answer_request,
    check_route_request,
    follow_url,
)
from satudata.apps.helpdesk.tests.helpers import submit_request
from satudata.apps.portal.tests.helpers import people
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return people()


def test_submit_mails_the_private_link_and_tells_the_walidata(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = submit_request()
    assert item.status == DataRequest.Status.DITERIMA
    assert len(item.follow_token) >= 30
    mail = [m for m in mailoutbox if m.to == ["siti.pemohon@contoh.id"]]
    assert len(mail) == 1 and follow_url(item) in mail[0].body
    assert Notification.objects.filter(user=cast["walidata"], verb="request_received").exists()
    entry = AuditEntry.objects.get(action="datarequest.submit")
    assert "siti" not in str(entry.detail).lower() and "siti" not in entry.object_label.lower()


def test_route_and_answer(cast, english, mailoutbox, django_capture_on_commit_callbacks):
    item = submit_request()
    with pytest.raises(NotAllowed):
        check_route_request(
            user=cast["produsen"], data_request=item, organisation_id=cast["org"].pk
        )
    with pytest.raises(ActionError, match="Choose the OPD"):
        check_route_request(
            user=cast["walidata"],
            data_request=item,
            organisation_id=cast["pembina"].organisation_id,
        )
    with django_capture_on_commit_callbacks(execute=True):
        check_route_request(
            user=cast["walidata"], data_request=item, organisation_id=cast["org"].pk
        )
    item.refresh_from_db()
    assert item.status == "diteruskan" and item.organisation == cast["org"]
    assert Notification.objects.filter(user=cast["produsen"], verb="request_routed").exists()
    assert not Notification.objects.filter(user=cast["stranger"]).exists()
    assert any("Dinas Kesehatan" in m.body for m in mailoutbox if m.to == [item.email])
    with pytest.raises(NotAllowed):
        check_answer_request(user=cast["stranger"], data_request=item, status="diproses", answer="")
    with pytest.raises(ActionError, match="reason for declining"):
        check_answer_request(user=cast["produsen"], data_request=item, status="ditolak", answer="")
    with pytest.raises(ActionError, match="write the answer or link the dataset"):
        check_answer_request(user=cast["produsen"], data_request=item, status="dipenuhi", answer="")
    check_answer_request(user=cast["produsen"], data_request=item, status="diproses", answer="")
    open_data = make_dataset(cast["org"], title="Posyandu Aktif")
    check_answer_request(
        user=cast["produsen"],
        data_request=item,
        status="dipenuhi",
        answer="Sudah terbit.",
        dataset_slug=open_data.slug,
    )
    item.refresh_from_db()
    assert (item.status, item.dataset) == ("dipenuhi", open_data)
    assert item.answered_at is not None
    assert Notification.objects.filter(user=cast["walidata"], verb="request_answered").exists()
    with pytest.raises(NotAllowed):
        check_answer_request(user=cast["produsen"], data_request=item, status="ditolak", answer="x")


@pytest.mark.parametrize(
    "level, published", [("terbatas", True), ("tertutup", True), ("terbuka", False)]
)
def test_a_request_never_links_hidden_data(cast, english, level, published):
    item = submit_request()
    check_route_request(user=cast["walidata"], data_request=item, organisation_id=cast["org"].pk)
    hidden = make_dataset(cast["org"], access_level=level, published=published)
    with pytest.raises(ActionError, match="not a published terbuka dataset"):
        check_answer_request(
            user=cast["produsen"],
            data_request=item,
            status="dipenuhi",
            answer="",
            dataset_slug=hidden.slug,
        )


def test_the_walidata_may_decline_at_once(cast):
    item = submit_request()
    check_answer_request(
        user=cast["walidata"],
        data_request=item,
        status="ditolak",
        answer="Bukan data pemerintah kota.",
    )
    item.refresh_from_db()
    assert item.status == "ditolak"


def test_initials():
    assert DataRequest(name="Siti Nurhaliza Putri Ayu").initials == "S.N.P."
    assert DataRequest(name="  ").initials == ""


def test_the_opd_is_never_given_the_requester_s_contact(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    """The walidata is the requester's one contact: what reaches the OPD's staff (the
    notification, its email, the audit trail) names neither the requester nor the address,
    and the follow token goes only to the requester."""
    cast["produsen"].email = "staf.dinkes@tangerangkota.go.id"
    cast["produsen"].save()
    with django_capture_on_commit_callbacks(execute=True):
        item = submit_request()
        check_route_request(
            user=cast["walidata"], data_request=item, organisation_id=cast["org"].pk
        )
    to_opd = [m for m in mailoutbox if m.to == ["staf.dinkes@tangerangkota.go.id"]]
    assert to_opd
    told = Notification.objects.filter(user=cast["produsen"]).get()
    entries = AuditEntry.objects.filter(action__startswith="datarequest.")
    for text in (
        *(m.subject + m.body for m in to_opd),
        str(told.params) + told.url,
        *(e.object_label + str(e.detail) for e in entries),
    ):
        for secret in ("Siti", "siti.pemohon", "Universitas Contoh", item.follow_token):
            assert secret not in text
