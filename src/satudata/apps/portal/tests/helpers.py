"""Shared by the page tests of portal, catalog, monitoring and accounts."""

from typing import Any

from django.test import Client

from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.catalog.models import Attachment, Dataset, Transition, Version
from satudata.platform import storage
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def english_client() -> Client:
    """Pages in English, whether or not the Indonesian catalogue is compiled."""
    return Client(headers={"accept-language": "en"})


def signed_in(user: Any) -> Client:
    client = english_client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def people() -> dict[str, Any]:
    org = make_org("opd", name="Dinas Kesehatan")
    other = make_org("opd", name="Dinas Pendidikan")
    return {
        "org": org,
        "other_org": other,
        "produsen": make_user(org, "produsen"),
        "stranger": make_user(other, "produsen"),
        "walidata": make_user(make_org("walidata", name="Diskominfo"), "walidata"),
        "pembina": make_user(make_org("pembina", name="BPS Kota"), "pembina"),
        "partner": make_user(make_org("partner", name="Universitas Mitra")),
    }


def with_candidate(org: Any, user: Any, **extra: Any) -> Dataset:
    """An unpublished dataset whose first version waits to be submitted."""
    dataset = make_dataset(org, published=False, **extra)
    dataset.candidate_version = make_version(dataset, user=user)
    dataset.save()
    return dataset


def second_version(dataset: Dataset, diff: dict[str, Any], publish: bool = False) -> Version:
    """A version 2 with a stored diff (factories make versions without one)."""
    first = dataset.versions.get(number=1)
    version = Version.objects.create(
        dataset=dataset,
        number=2,
        parquet_path=first.parquet_path,
        checksum=first.checksum,
        rows=first.rows,
        fields=first.fields,
        source_path=first.source_path,
        source_name="data-2.xlsx",
        source_checksum=first.source_checksum,
        diff=diff,
    )
    if publish:
        Transition.objects.create(
            dataset=dataset, kind=Transition.Kind.PUBLISH, to_state="diterbitkan", version=version
        )
        dataset.published_version = version
        dataset.save()
    return version


def document(
    dataset: Dataset, access_level: str = "terbuka", content: bytes = b"%PDF-1.4"
) -> Attachment:
    path = storage.new_path("attachments", ".pdf")
    path.write_bytes(content)
    return Attachment.objects.create(
        dataset=dataset,
        kind=Attachment.Kind.DOCUMENT,
        title=f"Kuesioner {access_level}",
        access_level=access_level,
        file_path=storage.relative(path),
        file_name="kuesioner.pdf",
        media_type="application/pdf",
        size=len(content),
    )


def record_checks(dataset: Dataset, met: bool = True) -> None:
    """The walidata's publishing check of the current version, every manual check ticked."""
    dataset.transitions.filter(version=dataset.published_version).update(
        checks={"manual": {code: met for code, _label in MANUAL_CHECKS}}
    )
