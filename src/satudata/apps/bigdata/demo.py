"""The demo's Big Data: a year of synthetic public posts and complaints about city services
("data sintetis", made by `engines.text.synthetic` from a fixed seed, naming the city's real
kecamatan and kelurahan), with a week of flooding complaints in one kelurahan that raises a
spike alert, analysed through the module by the walidata; the aggregates are published by
Diskominfo's produsen and passed by the walidata like any dataset. Loading twice adds nothing."""

import datetime as dt
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
from django.conf import settings
from django.db import transaction

from satudata.apps.bigdata import actions, publish
from satudata.apps.bigdata.models import Source
from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.demo.organisations import ensure_organisations
from satudata.apps.demo.people import ensure_people
from satudata.apps.registry.models import Wilayah
from satudata.engines.text import synthetic

NAME = "Ekspor Media Sosial dan Aduan Warga (data sintetis)"
MAPPING = {"id": "id", "text": "text", "time": "time", "author": "author", "url": "url"}
POSTS = 4_000
START = dt.datetime(2025, 1, 6)
SPIKE_KELURAHAN = "Periuk"
SPIKE_WEEK = dt.datetime(2025, 11, 3)


def kelurahan() -> list[dict[str, str]]:
    rows = Wilayah.objects.filter(
        kode__startswith=settings.WILAYAH + ".", level=Wilayah.Level.DESA
    ).select_related("parent")
    return [
        {"kode": w.kode, "nama": w.nama, "kode_kec": w.parent_id or "", "nama_kec": w.parent.nama}
        for w in rows
        if w.parent is not None
    ]


def _export(folder: Path) -> Path:
    areas = kelurahan()
    spot = next((a for a in areas if a["nama"].lower() == SPIKE_KELURAHAN.lower()), areas[0])
    table = pa.concat_tables(
        [
            synthetic.posts(areas, POSTS, start=START, days=300, negative_share=0.7),
            synthetic.spike(spot, "banjir_drainase", SPIKE_WEEK, 40),
        ]
    )
    path = folder / "ekspor-media-sosial.csv"
    pacsv.write_csv(table.drop_columns(["place"]), path)
    return path


@transaction.atomic
def load() -> int:
    """Analyse and publish the demo posts when they are missing; returns 1 when added."""
    if Source.objects.filter(name=NAME).exists() or not Wilayah.objects.exists():
        return 0
    people = ensure_people(ensure_organisations())
    walidata, team = people["walidata"], people["diskominfo"]
    source = actions.check_save_source(user=walidata, name=NAME, channel="medsos", mapping=MAPPING)
    with tempfile.TemporaryDirectory(prefix="satudata-demo-posts-") as folder:
        path = _export(Path(folder))
        actions.check_start_run(
            user=walidata, source=source, file=path, original_name=path.name, inline=True
        )
    dataset = publish.check_publish_aggregates(user=team)
    workflow.check_approve(
        user=walidata,
        dataset=dataset,
        checks={code: True for code, _label in MANUAL_CHECKS},
        note="Agregat Big Data memenuhi prinsip Satu Data Indonesia.",
    )
    return 1
