"""Reading SATUDATA_* environment variables: every setting of the product comes through here."""

import os
from pathlib import Path

PREFIX = "SATUDATA_"


def env_str(name: str, default: str) -> str:
    return os.environ.get(PREFIX + name, default)


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(PREFIX + name)
    return default if raw in (None, "") else int(raw)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(PREFIX + name)
    if raw in (None, ""):
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(PREFIX + name)
    if raw in (None, ""):
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    return Path(env_str("DATA_DIR", "./var")).resolve()
