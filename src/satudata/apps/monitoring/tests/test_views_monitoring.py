import pytest
from django.utils import timezone

from satudata.apps.portal.tests.helpers import people, signed_in, with_candidate
from satudata.platform import audit
from satudata.platform.testing.factories import make_dataset, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def row_of(response, name):
    return next(r for r in response.context["rows"] if r.organisation.name == name)


def test_progress_counts_every_organisation(crew):
    make_dataset(crew["org"])
    late = make_dataset(crew["org"], frekuensi="bulanan")
    late.data_updated_at = timezone.now() - timezone.timedelta(days=45)
    late.save()
    with_candidate(crew["org"], crew["produsen"], state="diajukan")
    with_candidate(crew["org"], crew["produsen"])
    response = signed_in(crew["walidata"]).get("/kerja/pantau/")
    assert response.status_code == 200
    health = row_of(response, "Dinas Kesehatan")
    assert health.total == 4
    assert health.by_state["diterbitkan"] == 2
    assert health.by_state["diajukan"] == 1
    assert health.by_state["draft"] == 1
    assert health.published_share == 50
    assert health.late == 1
    assert row_of(response, "Dinas Pendidikan").total == 0
    assert "50%" in response.content.decode()


def test_progress_sorts(crew):
    make_dataset(crew["other_org"])
    client = signed_in(crew["walidata"])
    names = [r.organisation.name for r in client.get("/kerja/pantau/?sort=-total").context["rows"]]
    assert names[0] == "Dinas Pendidikan"
    by_name = [r.organisation.name for r in client.get("/kerja/pantau/?sort=name").context["rows"]]
    assert by_name == sorted(by_name, key=str.lower)


@pytest.mark.parametrize("who", ["produsen", "pembina", "partner"])
def test_monitoring_is_walidata_only(crew, who):
    client = signed_in(crew[who])
    assert client.get("/kerja/pantau/").status_code == 404
    assert client.get("/kerja/audit/").status_code == 404


def test_admin_sees_monitoring(crew):
    assert signed_in(make_user(None, "admin")).get("/kerja/audit/").status_code == 200


def test_audit_log_filters_and_verifies_the_chain(crew):
    audit.record("dataset.create", actor=crew["produsen"], label="Satu")
    audit.record("dataset.update", actor=crew["walidata"], label="Dua")
    client = signed_in(crew["walidata"])
    everything = client.get("/kerja/audit/")
    assert everything.context["page_obj"].paginator.count == 2
    only = client.get("/kerja/audit/?action=dataset.update")
    assert [e.object_label for e in only.context["page_obj"]] == ["Dua"]
    by_org = client.get(f"/kerja/audit/?organisation={crew['org'].pk}")
    assert [e.object_label for e in by_org.context["page_obj"]] == ["Satu"]
    today = timezone.localdate().isoformat()
    assert client.get(f"/kerja/audit/?date_from={today}").context["page_obj"].paginator.count == 2
    assert client.get("/kerja/audit/?date_to=2000-01-01").context["page_obj"].paginator.count == 0
    verified = client.get("/kerja/audit/?verify=1")
    assert verified.context["chain"]["checked"] == 2
    assert "The chain is whole" in verified.content.decode()
