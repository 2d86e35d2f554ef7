"""The per-process name index of the registry (built once, rebuilt when the table changed).

A change is seen through the newest `updated_at` (indexed, so the check is cheap): every write
to the table (the loader, `wilayah_update`) moves it, in this process or another, and so does a
rolled-back write."""

import threading
from typing import Any

from django.db.models import Max

from satudata.apps.registry.models import Wilayah
from satudata.engines.places import Place, PlaceIndex

_lock = threading.Lock()
_cached: dict[str, Any] = {"stamp": None, "index": None}


def _stamp() -> Any:
    return Wilayah.objects.aggregate(newest=Max("updated_at"))["newest"]


def _build() -> PlaceIndex:
    names = dict(Wilayah.objects.values_list("kode", "nama"))
    rows = Wilayah.objects.values_list("kode", "nama", "level", "parent_id", "valid_until")
    return PlaceIndex(
        Place(kode, nama, level, names.get(parent) if parent else None, until is None)
        for kode, nama, level, parent, until in rows.iterator(chunk_size=5000)
    )


def place_index() -> PlaceIndex:
    """The index of every code (current and retired) as the table stands now."""
    stamp = _stamp()
    index = _cached["index"]
    if index is not None and _cached["stamp"] == stamp:
        return index
    with _lock:
        if _cached["index"] is None or _cached["stamp"] != stamp:
            _cached["index"], _cached["stamp"] = _build(), stamp
        return _cached["index"]
