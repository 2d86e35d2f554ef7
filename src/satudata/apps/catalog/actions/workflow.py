"""The pemeriksaan workflow: submit → return / approve → (pembina) → publish; rollback.

State lives on the dataset; every step is a Transition (the timeline), an audit entry and
notifications. Publishing points the dataset at a version; nothing is overwritten."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Role
from satudata.apps.accounts.notify import notify, people_with_role
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset, State, Transition, Version
from satudata.apps.catalog.signals import version_published
from satudata.apps.search.actions import do_index_dataset
from satudata.platform import access, audit


def _step(
    dataset: Dataset,
    *,
    kind: str,
    to_state: str,
    user: Any,
    note: str = "",
    version: Version | None = None,
    checks: dict | None = None,
    ip: str = "",
) -> Transition:
    transition = Transition.objects.create(
        dataset=dataset,
        kind=kind,
        from_state=dataset.state,
        to_state=to_state,
        version=version,
        actor=user,
        note=note,
        checks=checks or {},
    )
    dataset.state = to_state
    dataset.save(
        update_fields=[
            "state",
            "published_version",
            "candidate_version",
            "data_updated_at",
            "updated_at",
        ]
    )
    do_index_dataset(dataset)
    audit.record(
        f"dataset.{kind}",
        actor=user,
        obj=dataset,
        detail={"to": to_state, "version": version.number if version else None, "note": note},
        ip=ip,
    )
    return transition


def _params(dataset: Dataset, user: Any, **extra: Any) -> dict[str, Any]:
    return {"dataset": dataset.title, "actor": str(user), **extra}


def _producers(dataset: Dataset) -> list[Any]:
    return list(people_with_role(Role.PRODUSEN, dataset.organisation_id)) + list(
        people_with_role(Role.WALIDATA_PENDUKUNG, dataset.organisation_id)
    )


def _lock(dataset: Dataset) -> Dataset:
    return Dataset.objects.select_for_update().get(pk=dataset.pk)


@transaction.atomic
def check_submit(*, user: Any, dataset: Dataset, note: str = "", ip: str = "") -> Transition:
    dataset = _lock(dataset)
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not submit this dataset."))
    if dataset.state not in (State.DRAFT, State.DIKEMBALIKAN):
        raise ActionError(_("Only a draft or a returned dataset can be submitted."))
    if dataset.candidate_version is None:
        raise ActionError(_("Upload a data version before submitting."))
    step = _step(
        dataset,
        kind=Transition.Kind.SUBMIT,
        to_state=State.DIAJUKAN,
        user=user,
        note=note,
        version=dataset.candidate_version,
        ip=ip,
    )
    notify(
        people_with_role(Role.WALIDATA),
        "submitted",
        _params(dataset, user),
        dataset.get_absolute_url(),
    )
    return step


@transaction.atomic
def check_return(
    *, user: Any, dataset: Dataset, note: str, checks: dict | None = None, ip: str = ""
) -> Transition:
    dataset = _lock(dataset)
    viewer = access.viewer_for(user)
    if not (access.can_review(viewer, dataset) or access.can_review_as_pembina(viewer, dataset)):
        raise NotAllowed(_("You may not check this dataset now."))
    if not note.strip():
        raise ActionError(_("Write what the produsen must fix before returning the dataset."))
    step = _step(
        dataset,
        kind=Transition.Kind.RETURN,
        to_state=State.DIKEMBALIKAN,
        user=user,
        note=note,
        version=dataset.candidate_version,
        checks=checks,
        ip=ip,
    )
    notify(
        _producers(dataset),
        "returned",
        _params(dataset, user, note=note),
        dataset.get_absolute_url(),
    )
    return step


def _announce(dataset: Dataset, version: Version, kind: str) -> None:
    transaction.on_commit(
        lambda: version_published.send(Dataset, dataset=dataset, version=version, kind=kind)
    )


def _publish(dataset: Dataset, user: Any, note: str, checks: dict | None, ip: str) -> Transition:
    version = dataset.candidate_version
    dataset.published_version = version
    dataset.candidate_version = None
    dataset.data_updated_at = timezone.now()
    step = _step(
        dataset,
        kind=Transition.Kind.PUBLISH,
        to_state=State.DITERBITKAN,
        user=user,
        note=note,
        version=version,
        checks=checks,
        ip=ip,
    )
    notify(_producers(dataset), "published", _params(dataset, user), dataset.get_absolute_url())
    _announce(dataset, version, "publish")
    return step


@transaction.atomic
def check_approve(
    *, user: Any, dataset: Dataset, note: str = "", checks: dict | None = None, ip: str = ""
) -> Transition:
    """The walidata's approval: publishes, or passes Data Prioritas on to the pembina."""
    dataset = _lock(dataset)
    if not access.can_review(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not check this dataset now."))
    if dataset.is_prioritas:
        step = _step(
            dataset,
            kind=Transition.Kind.APPROVE,
            to_state=State.MENUNGGU_PEMBINA,
            user=user,
            note=note,
            version=dataset.candidate_version,
            checks=checks,
            ip=ip,
        )
        notify(
            list(people_with_role(Role.PEMBINA)) + _producers(dataset),
            "approved",
            _params(dataset, user),
            dataset.get_absolute_url(),
        )
        return step
    return _publish(dataset, user, note, checks, ip)


@transaction.atomic
def check_pembina_approve(
    *, user: Any, dataset: Dataset, note: str = "", checks: dict | None = None, ip: str = ""
) -> Transition:
    dataset = _lock(dataset)
    if not access.can_review_as_pembina(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not review this dataset now."))
    return _publish(dataset, user, note, checks, ip)


@transaction.atomic
def check_rollback(
    *, user: Any, dataset: Dataset, version: Version, note: str = "", ip: str = ""
) -> Transition:
    dataset = _lock(dataset)
    if not access.can_rollback(access.viewer_for(user), dataset):
        raise NotAllowed(_("Only the walidata can republish an older version."))
    if version.dataset_id != dataset.pk:
        raise ActionError(_("That version belongs to another dataset."))
    if not version.transition_set.filter(kind=Transition.Kind.PUBLISH).exists():
        raise ActionError(_("Only a version that was published before can be republished."))
    if dataset.published_version_id == version.pk:
        raise ActionError(_("This version is already the published one."))
    dataset.published_version = version
    dataset.data_updated_at = timezone.now()
    state = State.DITERBITKAN if dataset.state == State.DITERBITKAN else dataset.state
    step = _step(
        dataset,
        kind=Transition.Kind.ROLLBACK,
        to_state=state,
        user=user,
        note=note,
        version=version,
        ip=ip,
    )
    notify(
        _producers(dataset),
        "rolled_back",
        _params(dataset, user, number=version.number),
        dataset.get_absolute_url(),
    )
    _announce(dataset, version, "rollback")
    return step
