"""The demo helpdesk loads once, with answered tickets, articles and requests, and links a
fulfilled request only to a terbuka published dataset."""

import pytest
from django.core import mail

from satudata.apps.demo import helpdesk as demo
from satudata.apps.demo.organisations import ensure_organisations
from satudata.apps.demo.people import ensure_people
from satudata.apps.helpdesk.models import Article, DataRequest, Ticket
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


def test_demo_loads_once(django_capture_on_commit_callbacks):
    organisations = ensure_organisations()
    ensure_people(organisations)
    make_dataset(organisations["dinkes"], access_level="tertutup", title="Posyandu Rahasia")
    open_data = make_dataset(organisations["dinkes"], title="Jumlah Posyandu Aktif")
    with django_capture_on_commit_callbacks(execute=True):
        made = demo.load()
    assert made == len(demo.TICKETS) + len(demo.ARTICLES) + len(demo.REQUESTS)
    assert Ticket.objects.filter(first_response_at__isnull=False).count() >= 4
    assert Ticket.objects.filter(status="selesai").count() == 3
    assert Article.objects.filter(is_published=True).count() == len(demo.ARTICLES)
    fulfilled = DataRequest.objects.get(title="Jumlah posyandu aktif per kelurahan")
    assert fulfilled.status == "dipenuhi" and fulfilled.dataset == open_data
    assert DataRequest.objects.filter(status="ditolak").exists()
    assert not [m for m in mail.outbox if "pemohon.example" in m.to[0]]
    assert demo.load() == 0
