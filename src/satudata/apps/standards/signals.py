"""Keeps conformance current: each new version of a dataset that adopted a standard, and each
published one, is checked against the standard once its transaction has committed."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from satudata.apps.catalog.models import Version
from satudata.apps.catalog.signals import version_published
from satudata.apps.standards import actions, queries


def _check(version: Version) -> None:
    adoption = queries.adoption_of(version.dataset)
    if adoption is not None and queries.conformance_of(version, adoption.standard_version) is None:
        actions.do_check_conformance(version, adoption.standard_version)


@receiver(post_save, sender=Version, dispatch_uid="standards.version_created")
def version_created(sender: Any, instance: Version, created: bool, **kwargs: Any) -> None:
    if created:
        transaction.on_commit(lambda: _check(instance))


@receiver(version_published, dispatch_uid="standards.version_published")
def version_was_published(sender: Any, version: Version, **kwargs: Any) -> None:
    _check(version)
