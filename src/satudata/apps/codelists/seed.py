"""Loads the published code lists shipped in `data/` (see data/README.md) as version 1 of each
list; a list that already exists is left as it is."""

import csv
from pathlib import Path
from typing import Any

from django.utils import timezone

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def shipped_lists() -> list[dict[str, Any]]:
    """Each shipped list: its metadata from lists.csv and its codes."""
    return [{**meta, "codes": _rows(meta["file"])} for meta in _rows("lists.csv")]


def load(code_list_model: Any, version_model: Any, code_model: Any) -> int:
    """Create the shipped lists that are missing; return how many were created."""
    created = 0
    now = timezone.now()
    for meta in shipped_lists():
        if code_list_model.objects.filter(slug=meta["slug"]).exists():
            continue
        code_list = code_list_model.objects.create(
            slug=meta["slug"],
            name=meta["name"],
            description=meta["description"],
            source=meta["source"],
        )
        version = version_model.objects.create(
            code_list=code_list,
            number=1,
            state="published",
            published_at=now,
            source_name=meta["file"],
        )
        codes = {}
        for order, row in enumerate(meta["codes"], start=1):
            codes[row["code"]] = code_model.objects.create(
                version=version,
                code=row["code"],
                label_id=row["label_id"],
                label_en=row["label_en"],
                parent=codes[row["parent"]] if row["parent"] else None,
                order=order,
            )
        created += 1
    return created
