"""Load the Kota Tangerang demo through the product's own actions.

Every version is a generated CSV or XLSX file that goes through `check_start_upload` and
`check_accept_upload`; every workflow step is the real action done by the right demo account,
dated by the timeline. The whole load is one transaction: it is there completely or not at all.
Datasets that already exist (same organisation and title) are left alone, so loading twice
changes nothing."""

import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.bigdata import demo as bigdata_demo
from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.actions.datasets import check_create_dataset
from satudata.apps.catalog.actions.uploads import check_accept_upload, check_start_upload
from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.catalog.models import Dataset, Topic, Upload, Version
from satudata.apps.codelists import demo as codelists_demo
from satudata.apps.consistency import demo as consistency_demo
from satudata.apps.demo import datasets_city, datasets_people, layers, sheets
from satudata.apps.demo import epss as epss_demo
from satudata.apps.demo import helpdesk as helpdesk_demo
from satudata.apps.demo import statistics as statistics_demo
from satudata.apps.demo.clock import frozen_at
from satudata.apps.demo.figures import Place, Places
from satudata.apps.demo.organisations import BY_SLUG, ensure_organisations, ensure_topics
from satudata.apps.demo.people import ensure_people
from satudata.apps.demo.specs import KODE_REFERENSI, Spec
from satudata.apps.demo.timeline import Kind, Step, plan
from satudata.apps.indicators import demo as indicators_demo
from satudata.apps.monitoring import demo as monitoring_demo
from satudata.apps.registry.models import Wilayah
from satudata.apps.standards import demo as standards_demo
from satudata.platform import audit

SPECS = datasets_people.SPECS + datasets_city.SPECS
KOTA = "36.71"
SUFFIX = " (data contoh)"


class DemoError(Exception):
    """A demo file the product refused: the generator and the engine disagree."""


@dataclass(frozen=True)
class Summary:
    organisations: int
    accounts: int
    datasets: int
    versions: int
    seconds: float


def places_from_registry() -> Places:
    kecamatan = [
        Place(w.kode, w.nama, w.kode, w.nama)
        for w in Wilayah.objects.filter(parent_id=KOTA).order_by("kode")
    ]
    kelurahan = [
        Place(w.kode, w.nama, w.parent_id, w.parent.nama)
        for w in Wilayah.objects.filter(parent__parent_id=KOTA)
        .select_related("parent")
        .order_by("kode")
    ]
    return Places.build(kecamatan, kelurahan)


def checklist(failed: str = "") -> dict[str, bool]:
    return {code: code != failed for code, _label in MANUAL_CHECKS}


class Runner:
    """Carries out timeline steps with the demo accounts."""

    def __init__(
        self,
        places: Places,
        organisations: dict[str, Organisation],
        topics: dict[str, Topic],
        people: dict[str, User],
        folder: Path,
    ) -> None:
        self.places, self.organisations, self.topics = places, organisations, topics
        self.people, self.folder = people, folder
        self.datasets: dict[int, int] = {}
        self.published: dict[int, list[Version]] = {}
        self.versions = 0

    def run(self, spec: Spec, step: Step) -> None:
        if step.kind is Kind.CREATE:
            self.datasets[step.spec] = self.create(spec).pk
            return
        dataset = Dataset.objects.get(pk=self.datasets[step.spec])
        walidata, produsen = self.people["walidata"], self.people[spec.org]
        if step.kind is Kind.UPLOAD:
            self.upload(spec, dataset, step)
        elif step.kind is Kind.SUBMIT:
            note = f"Mohon diperiksa: data tahun {step.year}."
            workflow.check_submit(user=produsen, dataset=dataset, note=note)
        elif step.kind is Kind.RETURN:
            note = spec.note or "Mohon lengkapi sesuai catatan pemeriksaan."
            workflow.check_return(
                user=walidata, dataset=dataset, note=note, checks=checklist(spec.failed_check)
            )
        elif step.kind is Kind.APPROVE:
            workflow.check_approve(
                user=walidata,
                dataset=dataset,
                checks=checklist(),
                note="Memenuhi prinsip Satu Data Indonesia.",
            )
            self.note_published(step.spec)
        elif step.kind is Kind.PEMBINA:
            workflow.check_pembina_approve(
                user=self.people["bps"],
                dataset=dataset,
                checks=checklist(),
                note="Sesuai standar data dan metadata statistik.",
            )
            self.note_published(step.spec)
        else:
            workflow.check_rollback(
                user=walidata,
                dataset=dataset,
                version=self.published[step.spec][-2],
                note="Versi terbaru ditarik sementara: produsen melaporkan salah hitung.",
            )

    def note_published(self, index: int) -> None:
        dataset = Dataset.objects.select_related("published_version").get(pk=self.datasets[index])
        versions = self.published.setdefault(index, [])
        if dataset.published_version and dataset.published_version not in versions:
            versions.append(dataset.published_version)

    def create(self, spec: Spec) -> Dataset:
        org = BY_SLUG[spec.org]
        data: dict[str, Any] = {
            "title": spec.title,
            "description": spec.description + SUFFIX,
            "topic": self.topics[spec.topic],
            "access_level": spec.access,
            "licence": spec.licence,
            "frekuensi": spec.frekuensi,
            "period_start": date(spec.years[0], 1, 1),
            "period_end": date(spec.years[-1], 12, 31),
            "cakupan_wilayah": Wilayah.objects.get(kode=KOTA),
            "level_penyajian": spec.level,
            "konsep": spec.konsep,
            "definisi": spec.definisi,
            "klasifikasi": spec.klasifikasi,
            "ukuran": spec.ukuran,
            "satuan": spec.satuan,
            "kode_referensi": KODE_REFERENSI if spec.level != "kota" else "",
            "jenis_statistik": spec.jenis,
            "prioritas_years": list(spec.prioritas),
            "pengelola_nama": f"{org.unit}, {org.name}",
            "pengelola_email": org.email,
            "rujukan": spec.rujukan,
        }
        return check_create_dataset(
            user=self.people[spec.org],
            organisation=self.organisations[spec.org],
            data=data,
            tags=list(spec.tags),
        )

    def upload(self, spec: Spec, dataset: Dataset, step: Step) -> None:
        seed = spec.title + (":koreksi" if step.corrected else "")
        table = spec.table(self.places, step.year, seed)
        stem = slugify(f"{spec.title} {step.year}").replace("-", "_")
        stem += "_revisi" if step.corrected else ""
        org = BY_SLUG[spec.org]
        path = sheets.write(
            table,
            self.folder,
            stem,
            spec.layout,
            title=f"{spec.title} Tahun {step.year}",
            source=f"{org.name} (data contoh)",
        )
        note = f"Data tahun {step.year}" + (
            ", perbaikan sesuai catatan walidata" if step.corrected else ""
        )
        produsen = self.people[spec.org]
        upload = check_start_upload(
            user=produsen, dataset=dataset, file=path, original_name=path.name, note=note
        )
        if upload.status != Upload.Status.READY:
            raise DemoError(f"{path.name}: {upload.status} {upload.error or upload.problems[:3]}")
        check_accept_upload(user=produsen, upload=upload)
        self.versions += 1


def pending_specs() -> list[Spec]:
    existing = set(Dataset.objects.values_list("organisation__slug", "title"))
    return [spec for spec in SPECS if (spec.org, spec.title) not in existing]


def load_demo() -> Summary:
    """Load what is missing of the demo; returns what was added."""
    started = time.monotonic()
    places = places_from_registry()
    with (
        transaction.atomic(),
        tempfile.TemporaryDirectory(prefix="satudata-demo-") as folder,
    ):
        before = (Organisation.objects.count(), User.objects.count())
        organisations = ensure_organisations()
        topics = ensure_topics()
        people = ensure_people(organisations)
        specs = pending_specs()
        runner = Runner(places, organisations, topics, people, Path(folder))
        steps = plan(specs, timezone.now())
        for step in steps:
            with frozen_at(step.at):
                runner.run(specs[step.spec], step)
        registers = codelists_demo.load_demo()
        comparisons = consistency_demo.load_demo()
        standards = standards_demo.load_demo()
        with frozen_at(steps[0].at if steps else timezone.now()):
            maps = layers.load_demo(Path(folder))
        plans = monitoring_demo.load_demo()
        kegiatan = statistics_demo.load()
        series = indicators_demo.load()
        with frozen_at(steps[-1].at if steps else timezone.now()):
            voices = bigdata_demo.load()
        assessments = epss_demo.load()
        requests = helpdesk_demo.load()
        if (
            specs
            or registers
            or comparisons
            or standards
            or maps
            or plans
            or kegiatan
            or series
            or voices
            or assessments
            or requests
        ):
            audit.record(
                "demo.load",
                detail={
                    "datasets": len(specs),
                    "versions": runner.versions,
                    "registers": registers,
                    "comparisons": comparisons,
                    "standards": standards,
                    "layers": maps,
                    "daftar_data": plans,
                    "kegiatan": kegiatan,
                    "indikator": series,
                    "big_data": voices,
                    "epss": assessments,
                    "helpdesk": requests,
                },
            )
        return Summary(
            organisations=Organisation.objects.count() - before[0],
            accounts=User.objects.count() - before[1],
            datasets=len(specs),
            versions=runner.versions,
            seconds=time.monotonic() - started,
        )
