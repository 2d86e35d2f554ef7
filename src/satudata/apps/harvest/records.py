"""What a harvester reads from a remote catalogue, independent of its protocol."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime


class HarvestError(Exception):
    """The remote catalogue could not be read at all; the message is written for the user."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class RemoteResource:
    title: str
    url: str
    format: str = ""
    description: str = ""


@dataclass(frozen=True)
class RemoteRecord:
    remote_id: str
    name: str
    title: str
    description: str = ""
    organisation: str = ""
    tags: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    resources: tuple[RemoteResource, ...] = ()
    landing_page: str = ""
    licence: str = ""
    modified: datetime | None = None
    public: bool = True
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Changes when anything harvested changes (the modification time itself excluded)."""
        content = asdict(self)
        content.pop("modified")
        raw = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class RecordProblem:
    """A remote record that could not be read; the run logs it and goes on."""

    remote_id: str
    remote_name: str
    message: str
    detail: str = ""


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime (CKAN writes naive UTC); None if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def clean_url(value: object) -> str:
    """Only http(s) addresses are kept as links."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
