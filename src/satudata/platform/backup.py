"""Backup and restore: one `.tar.gz` holding the database, every stored file and a manifest.

The archive holds `database.json` (every row of the project's apps and of `auth`, in Django's
fixture format with natural foreign keys and full-precision times, so that the audit chain's
hashes survive the trip), `files/…` (everything under MEDIA_ROOT) and `manifest.json` (format,
app version, migrations, row counts per model and the SHA-256 of every member). It is the same on
SQLite and PostgreSQL, and restores from one into the other.

A restore checks every checksum before it touches anything, loads the rows inside one
transaction, checks the counts, the version files and the audit chain, and only then puts the
files in place (extracted beside MEDIA_ROOT first, then renamed), so that a failure at any step
leaves the data folder and the database as they were."""

import hashlib
import importlib.metadata
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext as _

from satudata.platform import audit, storage

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
FILES = "files"
CHUNK = 2000
WORK_MODELS = ("accounts.user", "accounts.organisation", "catalog.dataset", "platform.auditentry")


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message is written for the operator."""


@dataclass(frozen=True)
class RestoreResult:
    counts: dict[str, int]
    files: int
    audit_entries: int
    replaced_files: Path | None = None
    audit_breaks: list[audit.ChainBreak] = field(default_factory=list)


def app_version() -> str:
    try:
        return importlib.metadata.version("satudata")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model of the project's apps, and auth groups, in loading order.

    Permissions and content types are rebuilt by `migrate` and referred to by natural keys."""
    chosen: dict[Any, list[type[models.Model]]] = {}
    for model in apps.get_models():
        config = model._meta.app_config
        if model._meta.proxy or not model._meta.managed:
            continue
        if config.name.startswith("satudata.") or model is Group:
            chosen.setdefault(config, []).append(model)
    return serializers.sort_dependencies(list(chosen.items()), allow_cycles=True)


def _encode(value: Any) -> Any:
    """JSON for what the python serializer leaves as objects; times keep their microseconds."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database while it is dumped."""
    fresh = not connection.in_atomic_block
    with transaction.atomic():
        if fresh and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _rows(model: type[models.Model]) -> Iterator[list[dict[str, Any]]]:
    objects = model._base_manager.order_by(model._meta.pk.attname).iterator(chunk_size=CHUNK)
    while batch := list(islice(objects, CHUNK)):
        yield serializers.serialize("python", batch, use_natural_foreign_keys=True)


def dump_database(target: Path) -> dict[str, int]:
    """Write every backed-up row to `target` as a JSON list; return the rows per model."""
    counts: dict[str, int] = {}
    with target.open("w", encoding="utf-8") as out, _snapshot():
        out.write("[")
        separator = "\n"
        for model in backed_up_models():
            label = model._meta.label_lower
            counts[label] = 0
            for records in _rows(model):
                for record in records:
                    out.write(separator + json.dumps(record, default=_encode, ensure_ascii=False))
                    separator = ",\n"
                counts[label] += len(records)
        out.write("\n]\n")
    return counts


def applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        block = self.handle.read(size)
        self.digest.update(block)
        return block


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> str:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return reader.digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def stored_files(root: Path) -> list[Path]:
    """Every finished file under `root` (half-written `.part` files are left out)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".part")


def default_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"satudata-{stamp}.tar.gz"


def create_backup(path: Path | None = None) -> tuple[Path, dict[str, Any]]:
    """Write the archive (atomically: a `.part` file renamed at the end); return it and its
    manifest."""
    path = Path(path or default_path()).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    audit.record("system.backup", label=path.name, detail={"path": str(path)})
    entries, breaks = audit.verify_chain()
    partial = path.with_name(path.name + ".part")
    root = storage.files_root()
    checksums: dict[str, str] = {}
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        dump = Path(work) / DATABASE
        counts = dump_database(dump)
        with tarfile.open(partial, "w:gz") as tar:
            checksums[DATABASE] = _add_file(tar, dump, DATABASE)
            for file in stored_files(root):
                name = f"{FILES}/{file.relative_to(root).as_posix()}"
                checksums[name] = _add_file(tar, file, name)
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "app_version": app_version(),
                "database_vendor": connection.vendor,
                "migrations": applied_migrations(),
                "counts": counts,
                "audit": {"entries": entries, "intact": not breaks},
                "checksums": checksums,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
    partial.replace(path)
    return path, manifest


def _extract(archive: Path, into: Path) -> None:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                if not (member.isfile() or member.isdir()):
                    raise BackupError(_("The archive holds something that is not a plain file."))
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(_("The archive cannot be read: %(error)s") % {"error": exc}) from exc


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(
            _("The archive has no readable manifest.json: it is not a satudata backup.")
        ) from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            _("This backup has format %(found)s; this satudata reads format %(expected)s.")
            % {"found": manifest.get("format"), "expected": FORMAT_VERSION}
        )
    return manifest


def verify_members(folder: Path, manifest: dict[str, Any]) -> None:
    """Every extracted member is listed in the manifest with its checksum, and nothing is
    missing or added."""
    listed = manifest.get("checksums", {})
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    present.discard(MANIFEST)
    for name in sorted(present | set(listed)):
        if name not in listed:
            problem = _("%(name)s is in the archive but not in its manifest")
        elif name not in present:
            problem = _("%(name)s is listed in the manifest but missing")
        elif storage.sha256_file(folder / name) != listed[name]:
            problem = _("%(name)s does not match its checksum")
        else:
            continue
        raise BackupError(
            _(
                "The archive was changed or damaged after it was made: %(problem)s. "
                "Nothing was restored."
            )
            % {"problem": problem % {"name": name}}
        )


def _check_migrations(manifest: dict[str, Any]) -> None:
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    newer = sorted(set(manifest.get("migrations", [])) - known)
    if newer:
        raise BackupError(
            _(
                "This backup was made by a newer satudata (%(version)s; unknown migrations: "
                "%(names)s). Upgrade satudata first."
            )
            % {"version": manifest.get("app_version"), "names": ", ".join(newer[:5])}
        )


def holds_work() -> list[str]:
    """The tables of the target database that already hold someone's work."""
    return [label for label in WORK_MODELS if apps.get_model(label)._base_manager.exists()]


def _tables(chosen: list[type[models.Model]]) -> list[str]:
    tables = []
    for model in chosen:
        tables.append(model._meta.db_table)
        tables.extend(
            f.remote_field.through._meta.db_table
            for f in model._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created
        )
    return tables


def load_database(records: list[dict[str, Any]]) -> dict[str, int]:
    """Replace every backed-up table with `records` (call inside a transaction)."""
    chosen = backed_up_models()
    connection.check_constraints(table_names=_tables(chosen))
    flush = connection.ops.sql_flush(no_style(), _tables(chosen), allow_cascade=True)
    connection.ops.execute_sql_flush(flush)
    deferred = []
    with connection.constraint_checks_disabled():
        for item in serializers.deserialize("python", records, handle_forward_references=True):
            item.save()
            if item.deferred_fields:
                deferred.append(item)
        for item in deferred:
            item.save_deferred_fields()
    connection.check_constraints(table_names=_tables(chosen))
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), chosen):
            cursor.execute(statement)
    return {m._meta.label_lower: m._base_manager.count() for m in chosen}


def _check_versions(checksums: dict[str, str]) -> None:
    from satudata.apps.catalog.models import Version

    for version in Version.objects.select_related("dataset").iterator(chunk_size=CHUNK):
        files = [
            (version.parquet_path, version.checksum),
            (version.source_path, version.source_checksum),
        ]
        if version.is_layer:
            files.append((version.geo["path"], version.geo["checksum"]))
        for rel, expected in files:
            if checksums.get(f"{FILES}/{rel}") != expected:
                raise BackupError(
                    _(
                        "Version %(number)s of “%(dataset)s”: its file %(path)s is missing or "
                        "differs from the version's checksum. Nothing was restored."
                    )
                    % {"number": version.number, "dataset": version.dataset.title, "path": rel}
                )


@contextmanager
def _files_swapped(new_files: Path, target: Path) -> Iterator[Path | None]:
    """Put `new_files` at `target`; keep what was there beside it; undo if the block fails."""
    aside = None
    if target.exists() and not stored_files(target):
        shutil.rmtree(target)
    if target.exists():
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.name}.replaced-{stamp}")
        target.rename(aside)
    target.parent.mkdir(parents=True, exist_ok=True)
    new_files.mkdir(exist_ok=True)
    new_files.rename(target)
    try:
        yield aside
    except BaseException:
        target.rename(new_files)
        if aside is not None:
            aside.rename(target)
        raise


def restore_backup(archive: Path, *, force: bool = False) -> RestoreResult:
    """Restore `archive` into an empty database and files folder (or over them with `force`)."""
    target = storage.files_root().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=target.parent))
    try:
        _extract(Path(archive), work)
        manifest = _read_manifest(work)
        verify_members(work, manifest)
        _check_migrations(manifest)
        call_command("migrate", interactive=False, verbosity=0)
        if not force:
            _refuse_unless_empty(target)
        records = json.loads((work / DATABASE).read_text(encoding="utf-8"))
        with transaction.atomic():
            counts = load_database(records)
            _check_counts(counts, manifest["counts"])
            _check_versions(manifest["checksums"])
            entries, breaks = audit.verify_chain()
            if breaks and manifest.get("audit", {}).get("intact", True):
                raise BackupError(
                    _(
                        "The audit chain of the restored database is broken at entry %(seq)s "
                        "(%(reason)s). Nothing was restored."
                    )
                    % {"seq": breaks[0].seq, "reason": breaks[0].reason}
                )
            with _files_swapped(work / FILES, target) as aside:
                audit.record(
                    "system.restore",
                    label=Path(archive).name,
                    detail={"created_at": manifest.get("created_at")},
                )
        files = sum(1 for name in manifest["checksums"] if name.startswith(f"{FILES}/"))
        return RestoreResult(counts, files, entries, aside, breaks)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _refuse_unless_empty(target: Path) -> None:
    busy = holds_work()
    if busy:
        raise BackupError(
            _(
                "The database already holds data (%(tables)s). Restore into an empty database, "
                "or add --force to replace it."
            )
            % {"tables": ", ".join(busy)}
        )
    if stored_files(target):
        raise BackupError(
            _(
                "The files folder %(path)s is not empty. Restore into an empty data folder, "
                "or add --force to replace it."
            )
            % {"path": target}
        )


def _check_counts(counts: dict[str, int], expected: dict[str, int]) -> None:
    wrong = {label: n for label, n in expected.items() if counts.get(label) != n}
    if wrong:
        label = next(iter(wrong))
        raise BackupError(
            _(
                "After loading, %(model)s has %(found)s rows; the manifest says %(expected)s. "
                "Nothing was restored."
            )
            % {"model": label, "found": counts.get(label), "expected": wrong[label]}
        )
