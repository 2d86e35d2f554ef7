"""Stable CKAN ids (UUIDs) of datasets, resources, organisations and topics.

An id is a version 8 UUID (RFC 9562, custom layout) that holds what it names: the kind, the
primary key of the dataset (or organisation, or topic), and for a resource the format and the
version number or the attachment's key. It never changes for the same object, and reading one back
needs no lookup table; the access gate still decides whether the viewer may see it."""

import uuid
from dataclasses import dataclass
from enum import IntEnum

FORMATS = ("csv", "xlsx", "json", "parquet")


class Kind(IntEnum):
    PACKAGE = 1
    DATA = 2
    ATTACHMENT = 3
    ORGANIZATION = 4
    GROUP = 5


@dataclass(frozen=True)
class Ref:
    kind: Kind
    key: int
    extra: int = 0
    number: int = 0

    @property
    def format(self) -> str:
        return FORMATS[self.extra] if self.extra < len(FORMATS) else ""


def make(kind: Kind, key: int, extra: int = 0, number: int = 0) -> str:
    digits = f"{int(kind):x}{key:011x}8{extra:03x}8{number:015x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def package_id(dataset_pk: int) -> str:
    return make(Kind.PACKAGE, dataset_pk)


def data_resource_id(dataset_pk: int, version_number: int, fmt: str) -> str:
    return make(Kind.DATA, dataset_pk, FORMATS.index(fmt), version_number)


def attachment_resource_id(dataset_pk: int, attachment_pk: int) -> str:
    return make(Kind.ATTACHMENT, dataset_pk, 0, attachment_pk)


def organization_id(pk: int) -> str:
    return make(Kind.ORGANIZATION, pk)


def group_id(pk: int) -> str:
    return make(Kind.GROUP, pk)


def parse(text: str) -> Ref | None:
    """What an id names, or None when it is not one of ours."""
    try:
        value = uuid.UUID(text.strip())
    except (ValueError, AttributeError):
        return None
    digits = value.hex
    if digits[12] != "8" or digits[16] != "8":
        return None
    try:
        kind = Kind(int(digits[0], 16))
    except ValueError:
        return None
    ref = Ref(kind, int(digits[1:12], 16), int(digits[13:16], 16), int(digits[17:], 16))
    if ref.key < 1 or make(kind, ref.key, ref.extra, ref.number) != str(value):
        return None
    return ref
