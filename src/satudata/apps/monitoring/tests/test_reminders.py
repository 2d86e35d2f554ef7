from datetime import date, timedelta

import pytest
from django.utils import timezone

from satudata.apps.accounts.models import Notification
from satudata.apps.monitoring.models import DaftarData, PlannedElement, Reminder
from satudata.apps.monitoring.reminders import do_send_reminders, due_items, next_due
from satudata.apps.portal.tests.helpers import people
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


def published_ago(org, days, frekuensi="bulanan", **extra):
    dataset = make_dataset(org, frekuensi=frekuensi, **extra)
    dataset.data_updated_at = timezone.now() - timedelta(days=days)
    dataset.save()
    return dataset


def test_next_due_dates():
    crew = people()
    monthly = published_ago(crew["org"], 10)
    assert next_due(monthly) == monthly.data_updated_at.date() + timedelta(days=31)
    static = published_ago(crew["org"], 10, frekuensi="tidak_tentu")
    assert next_due(static) is None
    fresh = make_dataset(crew["org"], published=False, frekuensi="tahunan")
    assert next_due(fresh, date(2026, 6, 1)) == date(2026, 6, 1)


def test_digest_per_opd_before_and_after_and_escalation_once():
    crew = people()
    today = timezone.localdate()
    soon = published_ago(crew["org"], 27, title="Kunjungan")
    late = published_ago(crew["org"], 35, title="Imunisasi")
    very_late = published_ago(crew["other_org"], 60, title="Siswa")
    published_ago(crew["org"], 2, title="Baru")
    planned = make_dataset(crew["org"], published=False, frekuensi="tahunan", title="Rencana")
    daftar = DaftarData.objects.create(organisation=crew["org"], year=today.year)
    PlannedElement.objects.create(daftar=daftar, name="Rencana", dataset=planned, due_date=today)
    assert [i.dataset for i in due_items(today, crew["org"].pk)][:1] == [late]
    counts = do_send_reminders(today)
    assert counts == {"due_soon": 2, "overdue": 1, "escalated": 1}
    produsen = Notification.objects.filter(user=crew["produsen"])
    assert {n.verb for n in produsen} == {"data_due_soon", "data_overdue"}
    due_soon = produsen.get(verb="data_due_soon")
    assert due_soon.params["count"] == 2
    assert "Kunjungan" in due_soon.params["datasets"] and "Rencana" in due_soon.params["datasets"]
    assert Notification.objects.get(user=crew["walidata"]).params["count"] == 1
    assert "Siswa" in Notification.objects.get(user=crew["walidata"]).params["datasets"]
    assert not Notification.objects.filter(user=crew["stranger"], verb="data_overdue").exists()
    assert Reminder.objects.filter(dataset=soon).exists()
    assert Reminder.objects.filter(dataset=very_late, kind="escalated").exists()
    assert do_send_reminders(today) == {"due_soon": 0, "overdue": 0, "escalated": 0}
