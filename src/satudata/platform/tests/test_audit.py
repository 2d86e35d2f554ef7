import pytest
from django.db import connection
from django.utils import translation

from satudata.platform import audit
from satudata.platform.models import AuditEntry
from satudata.platform.models.audit import AppendOnlyError
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db


def test_entries_form_an_intact_chain():
    user = make_user(make_org(), "produsen")
    for n in range(5):
        audit.record("test.write", actor=user, label=f"objek {n}", detail={"n": n}, ip="10.0.0.1")
    count, breaks = audit.verify_chain()
    assert count == 5
    assert breaks == []
    first = AuditEntry.objects.get(seq=1)
    assert first.actor_name == user.username
    assert first.organisation_id == user.organisation_id


def test_entries_cannot_be_changed_or_deleted_through_the_orm():
    entry = audit.record("test.write", label="x")
    entry.object_label = "y"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="z")


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_tampering_in_the_database_is_detected():
    for n in range(3):
        audit.record("test.write", label=f"objek {n}")
    table = AuditEntry._meta.db_table
    _raw(f"UPDATE {table} SET object_label = %s WHERE seq = %s", ["palsu", 2])
    _count, breaks = audit.verify_chain()
    assert [b.seq for b in breaks] == [2]


def test_removing_the_latest_entries_is_detected():
    for n in range(3):
        audit.record("test.write", label=f"objek {n}")
    _raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE seq = %s", [3])
    with translation.override("en"):
        _count, breaks = audit.verify_chain()
    assert breaks and "removed" in breaks[-1].reason
    with translation.override("id"):
        assert "dihapus" in audit.verify_chain()[1][-1].reason


def test_removing_an_entry_in_the_middle_is_detected():
    for n in range(4):
        audit.record("test.write", label=f"objek {n}")
    _raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE seq = %s", [2])
    _count, breaks = audit.verify_chain()
    assert any(b.seq == 3 for b in breaks)
