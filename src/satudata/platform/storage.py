"""Where files live under the data folder (SATUDATA_DATA_DIR), and how they are written safely."""

import hashlib
import os
import secrets
import shutil
import uuid
from pathlib import Path


def local_secret_key(data_dir: Path) -> str:
    """A secret key kept in the data folder, made on first start when none is configured."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def files_root() -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


def relative(path: Path) -> str:
    return str(path.resolve().relative_to(files_root().resolve()))


def absolute(rel: str) -> Path:
    root = files_root().resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise ValueError(rel)
    return path


def new_path(area: str, suffix: str) -> Path:
    """A fresh, never reused path such as files/versions/ab/<uuid>.parquet."""
    name = uuid.uuid4().hex
    folder = files_root() / area / name[:2]
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}{suffix}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def store_copy(source: Path, area: str, suffix: str) -> Path:
    """Copy a file into the store atomically (temporary name, then rename)."""
    target = new_path(area, suffix)
    tmp = target.with_suffix(target.suffix + ".part")
    shutil.copyfile(source, tmp)
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    tmp.replace(target)
    return target


def staging_dir() -> Path:
    folder = files_root() / "staging"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
