import pytest
from django.core import mail

from satudata.apps.accounts.models import Notification
from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import State, Transition
from satudata.platform import audit
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    org = make_org("opd")
    return {
        "org": org,
        "produsen": make_user(org, "produsen"),
        "stranger": make_user(make_org("opd"), "produsen"),
        "walidata": make_user(make_org("walidata"), "walidata"),
        "pembina": make_user(make_org("pembina"), "pembina"),
    }


def candidate(people, **extra):
    dataset = make_dataset(people["org"], published=False, **extra)
    dataset.candidate_version = make_version(dataset, user=people["produsen"])
    dataset.save()
    return dataset


def test_submit_return_resubmit_publish(people, django_capture_on_commit_callbacks):
    dataset = candidate(people)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.check_submit(user=people["produsen"], dataset=dataset, note="mohon diperiksa")
    dataset.refresh_from_db()
    assert dataset.state == State.DIAJUKAN
    assert Notification.objects.filter(user=people["walidata"], verb="submitted").exists()
    assert mail.outbox and people["walidata"].email in mail.outbox[0].to

    workflow.check_return(user=people["walidata"], dataset=dataset, note="Satuan belum diisi")
    dataset.refresh_from_db()
    assert dataset.state == State.DIKEMBALIKAN
    assert Notification.objects.filter(user=people["produsen"], verb="returned").exists()

    workflow.check_submit(user=people["produsen"], dataset=dataset)
    workflow.check_approve(user=people["walidata"], dataset=dataset, checks={"metadata": True})
    dataset.refresh_from_db()
    assert dataset.state == State.DITERBITKAN
    assert dataset.published_version.number == 1
    assert dataset.candidate_version is None
    kinds = list(dataset.transitions.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["submit", "return", "submit", "publish"]
    assert audit.verify_chain()[1] == []


def test_return_needs_a_note(people):
    dataset = candidate(people)
    workflow.check_submit(user=people["produsen"], dataset=dataset)
    with pytest.raises(ActionError):
        workflow.check_return(user=people["walidata"], dataset=dataset, note="  ")


def test_only_owner_submits_and_only_walidata_reviews(people):
    dataset = candidate(people)
    with pytest.raises(NotAllowed):
        workflow.check_submit(user=people["stranger"], dataset=dataset)
    workflow.check_submit(user=people["produsen"], dataset=dataset)
    with pytest.raises(NotAllowed):
        workflow.check_approve(user=people["produsen"], dataset=dataset)
    with pytest.raises(NotAllowed):
        workflow.check_approve(user=people["pembina"], dataset=dataset)


def test_submit_without_version_is_refused(people):
    dataset = make_dataset(people["org"], published=False)
    with pytest.raises(ActionError):
        workflow.check_submit(user=people["produsen"], dataset=dataset)


def test_data_prioritas_goes_to_the_pembina(people):
    dataset = candidate(people, prioritas_years=[2025])
    workflow.check_submit(user=people["produsen"], dataset=dataset)
    workflow.check_approve(user=people["walidata"], dataset=dataset)
    dataset.refresh_from_db()
    assert dataset.state == State.MENUNGGU_PEMBINA
    assert dataset.published_version is None
    workflow.check_pembina_approve(user=people["pembina"], dataset=dataset, note="sesuai")
    dataset.refresh_from_db()
    assert dataset.state == State.DITERBITKAN
    assert dataset.published_version is not None


def test_rollback_points_back_to_an_earlier_published_version(people):
    dataset = candidate(people)
    workflow.check_submit(user=people["produsen"], dataset=dataset)
    workflow.check_approve(user=people["walidata"], dataset=dataset)
    dataset.refresh_from_db()
    first = dataset.published_version
    dataset.candidate_version = make_version(dataset)
    dataset.state = State.DRAFT
    dataset.save()
    workflow.check_submit(user=people["produsen"], dataset=dataset)
    workflow.check_approve(user=people["walidata"], dataset=dataset)
    dataset.refresh_from_db()
    assert dataset.published_version.number == 2
    with pytest.raises(NotAllowed):
        workflow.check_rollback(user=people["produsen"], dataset=dataset, version=first)
    workflow.check_rollback(user=people["walidata"], dataset=dataset, version=first, note="salah")
    dataset.refresh_from_db()
    assert dataset.published_version == first
    assert dataset.transitions.filter(kind=Transition.Kind.ROLLBACK).count() == 1
    with pytest.raises(ActionError):
        workflow.check_rollback(user=people["walidata"], dataset=dataset, version=first)


def test_never_published_version_cannot_be_rolled_back_to(people):
    dataset = make_dataset(people["org"])
    unpublished = make_version(dataset)
    with pytest.raises(ActionError):
        workflow.check_rollback(user=people["walidata"], dataset=dataset, version=unpublished)
