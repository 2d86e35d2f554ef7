"""The DuckDB copies the data explorer makes of the versions it queries (`query-copies/` in the
data folder, SATUDATA_QUERY_COPIES), and removing those no longer wanted.

A copy is named, as the query engine names it, by the hash of its version's Parquet path. A copy
whose version is no longer any dataset's published version is removed once it has gone unused
for SATUDATA_QUERY_COPIES_KEEP_DAYS (last use: the later of the file's change and access times).
With SATUDATA_QUERY_COPIES_MAX_MB, the least recently used copies, those of unpublished versions
first, are then removed until the rest fit. Leftovers of copies that were never finished go after
the same days. A copy being written (its lock held) is never touched.

Web processes open a copy read-only and keep it open: one removed under them is still read
through the open file (POSIX keeps it until closed) and its space returns when they end; a later
query elsewhere makes the copy again."""

import fcntl
import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from satudata.apps.catalog.models import Dataset
from satudata.platform import storage

COPY_SUFFIX = ".duckdb"
LOCK_SUFFIX = ".lock"
MB = 1024 * 1024


def folder() -> Path:
    """Where the query engine keeps its copies."""
    return Path(settings.DATA_DIR) / "query-copies"


def copy_name(path: Path) -> str:
    """The file name of the copy of the version file at `path` (absolute, as queried)."""
    return hashlib.sha256(str(path).encode()).hexdigest()[:32] + COPY_SUFFIX


def published_names() -> set[str]:
    """The copy names of every dataset's published version: the copies always kept."""
    paths = (
        Dataset.objects.exclude(published_version=None)
        .values_list("published_version__parquet_path", flat=True)
        .distinct()
    )
    names = set()
    for relative in paths:
        try:
            names.add(copy_name(storage.absolute(relative)))
        except ValueError:
            continue
    return names


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int
    last_used: float
    published: bool

    @property
    def stem(self) -> str:
        return self.path.name.removesuffix(COPY_SUFFIX)


@dataclass
class Cleaned:
    removed: int = 0
    freed: int = 0
    kept: int = 0
    kept_bytes: int = 0
    leftovers: int = 0


def _remove(root: Path, stem: str, paths: list[Path], *, dry_run: bool) -> bool:
    """Unlink `paths` (and the copy's lock file) unless the copy `stem` is being written."""
    lock = root / f"{stem}{LOCK_SUFFIX}"
    try:
        handle = lock.open("rb")
    except FileNotFoundError:
        handle = None
    try:
        if handle is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
        if not dry_run:
            for path in paths:
                path.unlink(missing_ok=True)
            if handle is not None and not (root / f"{stem}{COPY_SUFFIX}").exists():
                lock.unlink(missing_ok=True)
        return True
    finally:
        if handle is not None:
            handle.close()


def _leftover_stem(name: str) -> str | None:
    """The copy a leftover belongs to: an unfinished copy (".<stem>.<random>.tmp", with its
    ".wal") or a lock file of a copy that does not exist."""
    if name.startswith(".") and ".tmp" in name:
        return name[1:].split(".", 1)[0]
    if name.endswith(LOCK_SUFFIX):
        return name.removesuffix(LOCK_SUFFIX)
    return None


def clean(
    *,
    keep: timedelta | None = None,
    max_bytes: int | None = None,
    now: float | None = None,
    dry_run: bool = False,
) -> Cleaned:
    """Remove the copies no longer wanted (see the module); `keep` and `max_bytes` default to
    the settings (0 bytes: no limit). With `dry_run`, only count what would go."""
    keep = keep if keep is not None else timedelta(days=settings.QUERY_COPIES_KEEP_DAYS)
    max_bytes = max_bytes if max_bytes is not None else settings.QUERY_COPIES_MAX_MB * MB
    cutoff = (time.time() if now is None else now) - keep.total_seconds()
    root = folder()
    cleaned = Cleaned()
    if not root.is_dir():
        return cleaned
    wanted = published_names()
    copies: list[Copy] = []
    for entry in sorted(root.iterdir()):
        try:
            stat = entry.stat()
        except FileNotFoundError:
            continue
        name = entry.name
        if name.endswith(COPY_SUFFIX) and not name.startswith("."):
            last_used = max(stat.st_atime, stat.st_mtime)
            copies.append(Copy(entry, stat.st_size, last_used, name in wanted))
            continue
        stem = _leftover_stem(name)
        if stem is None or stat.st_mtime >= cutoff:
            continue
        if name.endswith(LOCK_SUFFIX) and (root / f"{stem}{COPY_SUFFIX}").exists():
            continue
        if _remove(root, stem, [entry], dry_run=dry_run):
            cleaned.leftovers += 1
    stale = [c for c in copies if not c.published and c.last_used < cutoff]
    rest = sorted((c for c in copies if c not in stale), key=lambda c: (c.published, c.last_used))
    total = sum(c.size for c in rest)
    over = []
    for copy in rest:
        if not max_bytes or total <= max_bytes:
            break
        over.append(copy)
        total -= copy.size
    going = {c.path for c in (*stale, *over)}
    for copy in copies:
        if copy.path in going and _remove(root, copy.stem, [copy.path], dry_run=dry_run):
            cleaned.removed += 1
            cleaned.freed += copy.size
        else:
            cleaned.kept += 1
            cleaned.kept_bytes += copy.size
    return cleaned
