"""Loads the kode wilayah shipped in `data/` into the Wilayah table (idempotent)."""

import csv
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def _parent_code(kode: str) -> str | None:
    return kode.rsplit(".", 1)[0] if "." in kode else None


def reference_rows() -> list[dict[str, Any]]:
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


def load(wilayah_model: Any) -> int:
    rows = sorted(reference_rows(), key=lambda r: (r["kode"].count("."), r["kode"]))
    existing = set(wilayah_model.objects.values_list("kode", flat=True))
    fresh = [
        wilayah_model(parent_id=_parent_code(r["kode"]), **r)
        for r in rows
        if r["kode"] not in existing
    ]
    wilayah_model.objects.bulk_create(fresh, batch_size=500)
    return len(fresh)
