"""Files attached to helpdesk messages: the types and sizes accepted, checked before anything
is stored, and stored through the platform's storage (a fresh path, written atomically)."""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from satudata.apps.catalog.errors import ActionError
from satudata.platform import storage

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}


@dataclass(frozen=True)
class Incoming:
    """A file received with a message: where it lies now and the name the user gave it."""

    path: Path
    name: str


@dataclass(frozen=True)
class Stored:
    path: str
    name: str
    media_type: str
    size: int


def accepted_types() -> str:
    return ", ".join(sorted(ext.lstrip(".").upper() for ext in MEDIA_TYPES))


def check_files(files: list[Incoming]) -> None:
    """Refuse the whole message when one file breaks a rule, naming the file and the rule."""
    if len(files) > MAX_FILES:
        raise ActionError(
            _("You attached %(count)s files; at most %(max)s files go with one message.")
            % {"count": len(files), "max": MAX_FILES}
        )
    for item in files:
        suffix = Path(item.name).suffix.lower()
        if suffix not in MEDIA_TYPES:
            raise ActionError(
                _(
                    "“%(name)s” is not a file type the helpdesk accepts. Send one of: "
                    "%(types)s (for other files, pack the content into a PDF)."
                )
                % {"name": item.name, "types": accepted_types()}
            )
        size = item.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ActionError(
                _(
                    "“%(name)s” is %(size)s MB; one file may be at most %(max)s MB. Send a "
                    "smaller file, or a part of it."
                )
                % {
                    "name": item.name,
                    "size": f"{size / 1024 / 1024:.1f}",
                    "max": MAX_FILE_BYTES // 1024 // 1024,
                }
            )
        if size == 0:
            raise ActionError(_("“%(name)s” is empty.") % {"name": item.name})


def store(item: Incoming) -> Stored:
    suffix = Path(item.name).suffix.lower()
    target = storage.store_copy(item.path, "helpdesk", suffix)
    return Stored(
        path=storage.relative(target),
        name=Path(item.name).name[:200],
        media_type=MEDIA_TYPES[suffix],
        size=target.stat().st_size,
    )
