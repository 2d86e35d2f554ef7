"""Every helpdesk page renders in the portal's default language with data in it, and every
notification of the helpdesk renders with the parameters its action stores."""

import pytest
from django.test import Client

from satudata.apps.accounts.models import Notification
from satudata.apps.accounts.notify import render
from satudata.apps.helpdesk.models import Article
from satudata.apps.helpdesk.request_actions import check_route_request
from satudata.apps.helpdesk.tests.helpers import at, open_ticket, reply, submit_request
from satudata.apps.portal.tests.helpers import MODEL_BACKEND, people

pytestmark = pytest.mark.django_db


def test_pages_and_notifications_render():
    cast = people()
    ticket = open_ticket(cast["produsen"], at(7))
    reply(cast["walidata"], ticket, at(7, 12))
    item = submit_request()
    check_route_request(user=cast["walidata"], data_request=item, organisation_id=cast["org"].pk)
    Article.objects.create(slug="a", question="T", answer="J", category="peta", is_published=True)
    walidata, produsen = Client(), Client()
    walidata.force_login(cast["walidata"], backend=MODEL_BACKEND)
    produsen.force_login(cast["produsen"], backend=MODEL_BACKEND)
    for client, url in [
        (Client(), "/bantuan/"),
        (Client(), "/bantuan/a/"),
        (Client(), "/permintaan-data/"),
        (Client(), item.get_absolute_url()),
        (Client(), "/permintaan-data/ajukan/"),
        (Client(), "/permintaan-data/terkirim/"),
        (walidata, "/kerja/bantuan/"),
        (walidata, ticket.get_absolute_url()),
        (walidata, "/kerja/bantuan/artikel/"),
        (walidata, "/kerja/bantuan/artikel/baru/"),
        (walidata, "/kerja/bantuan/target/"),
        (walidata, "/kerja/permintaan-data/"),
        (walidata, f"/kerja/permintaan-data/{item.pk}/"),
        (produsen, "/kerja/bantuan/baru/"),
        (produsen, ticket.get_absolute_url()),
        (produsen, f"/kerja/permintaan-data/{item.pk}/"),
    ]:
        assert client.get(url).status_code == 200, url
    verbs = set(Notification.objects.values_list("verb", flat=True))
    assert {"ticket_opened", "ticket_replied", "request_received", "request_routed"} <= verbs
    for notice in Notification.objects.all():
        assert "%(" not in render(notice)
