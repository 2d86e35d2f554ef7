"""The demo's map layers, from the real boundaries the package ships (not data contoh):
Bappeda publishes the kelurahan of Kota Tangerang as a polygon layer, and Diskominfo a point
layer of each kelurahan's label point (its `lat`, `lng`). Both go through the upload, check and
publish actions like any layer; a layer already there is left alone. Bappeda styles its layer
by kecamatan and saves a map of both layers."""

import json
from pathlib import Path

from django.db import transaction

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.actions.datasets import check_create_dataset
from satudata.apps.catalog.actions.uploads import check_accept_upload, check_start_upload
from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.catalog.models import Dataset, Upload
from satudata.apps.demo.organisations import ensure_organisations, ensure_topics
from satudata.apps.demo.people import ensure_people
from satudata.apps.geo.actions import KELURAHAN, SOURCE, check_save_layer_style, check_save_map
from satudata.apps.geo.models import LayerStyle, SavedMap
from satudata.apps.registry.models import Wilayah

KOTA = "36.71"
MAP_TITLE = "Peta Wilayah Administrasi Kota Tangerang"
LAYERS = (
    (
        "bappeda",
        "Batas Wilayah Kelurahan Kota Tangerang",
        "Batas administrasi 104 kelurahan di 13 kecamatan Kota Tangerang dengan kode wilayah "
        "Kemendagri, untuk peta tematik dan penggabungan data per kelurahan.",
        "Pemerintahan",
        "kelurahan.geojson",
    ),
    (
        "diskominfo",
        "Titik Pusat Kelurahan Kota Tangerang",
        "Titik label setiap kelurahan di Kota Tangerang (bujur dan lintang), untuk penanda "
        "peta dan pencarian lokasi kelurahan.",
        "Komunikasi dan Informatika",
        "titik_kelurahan.geojson",
    ),
)


def _points(target: Path) -> Path:
    """The kelurahan label points as a GeoJSON point layer."""
    shapes = json.loads(KELURAHAN.read_text(encoding="utf-8"))["features"]
    points = [
        {
            "type": "Feature",
            "properties": {k: v for k, v in item["properties"].items() if k not in ("lat", "lng")},
            "geometry": {
                "type": "Point",
                "coordinates": [item["properties"]["lng"], item["properties"]["lat"]],
            },
        }
        for item in shapes
    ]
    target.write_text(json.dumps({"type": "FeatureCollection", "features": points}))
    return target


@transaction.atomic
def load_demo(folder: Path) -> int:
    """Publish the demo layers that are missing; returns how many were added."""
    organisations, topics = ensure_organisations(), ensure_topics()
    people = ensure_people(organisations)
    added = 0
    for org, title, description, topic, name in LAYERS:
        if Dataset.objects.filter(organisation=organisations[org], title=title).exists():
            continue
        produsen, walidata = people[org], people["walidata"]
        dataset = check_create_dataset(
            user=produsen,
            organisation=organisations[org],
            data={
                "title": title,
                "description": description,
                "topic": topics[topic],
                "access_level": "terbuka",
                "licence": "cc-by-4.0",
                "frekuensi": "tidak_tentu",
                "cakupan_wilayah": Wilayah.objects.get(kode=KOTA),
                "level_penyajian": "kelurahan",
                "rujukan": SOURCE,
            },
            tags=["batas wilayah", "peta"],
        )
        source = KELURAHAN if name == "kelurahan.geojson" else _points(folder / name)
        upload = check_start_upload(
            user=produsen, dataset=dataset, file=source, original_name=name, inline=True
        )
        if upload.status != Upload.Status.READY:
            raise RuntimeError(f"{name}: {upload.status} {upload.error or upload.problems[:3]}")
        check_accept_upload(user=produsen, upload=upload)
        workflow.check_submit(user=produsen, dataset=dataset, note="Mohon diperiksa.")
        workflow.check_approve(
            user=walidata,
            dataset=dataset,
            checks={code: True for code, _label in MANUAL_CHECKS},
            note="Memenuhi prinsip Satu Data Indonesia.",
        )
        added += 1
    _style_and_map(people["bappeda"], organisations)
    return added


def _style_and_map(produsen: User, organisations: dict[str, Organisation]) -> None:
    """The kelurahan coloured by kecamatan, and Bappeda's map of both layers."""
    polygons, points = (
        Dataset.objects.get(organisation=organisations[org], title=title)
        for org, title, *_rest in LAYERS
    )
    if not LayerStyle.objects.filter(dataset=polygons).exists():
        check_save_layer_style(
            user=produsen,
            dataset=polygons,
            data={
                "kind": "categorised",
                "attribute": "nama_kec",
                "method": "quantile",
                "classes": 5,
                "palette": "Blues",
                "colour": "#0a4d8c",
            },
        )
    if not SavedMap.objects.filter(title=MAP_TITLE).exists():
        check_save_map(
            user=produsen,
            data={
                "title": MAP_TITLE,
                "description": "Kelurahan menurut kecamatan dan titik pusat setiap kelurahan, "
                "dari batas wilayah Kemendagri.",
                "is_public": True,
                "layers": [
                    {"dataset": points.slug, "opacity": 100},
                    {"dataset": polygons.slug, "opacity": 70},
                ],
                "view": {},
            },
        )
