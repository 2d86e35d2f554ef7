"""The evidence behind each dataset's quality score, gathered in a few queries for many datasets
at once, and the stored scores read back with their breakdown in the reader's language."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from satudata.apps.catalog.checks import REQUIRED_METADATA, REQUIRED_STANDAR, access_check
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.catalog.models.choices import FREKUENSI_DAYS
from satudata.apps.consistency.models import Comparison
from satudata.apps.monitoring.models import DatasetQuality
from satudata.apps.monitoring.reminders import next_due
from satudata.apps.standards.models import Conformance, DatasetStandard
from satudata.engines.stats import quality

METADATA_FIELDS = (*REQUIRED_METADATA, *REQUIRED_STANDAR)


def _filled(dataset: Dataset, name: str) -> bool:
    value = getattr(dataset, name)
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def evidence_for(datasets: Iterable[Dataset], today: date) -> dict[int, quality.Evidence]:
    rows = list(datasets)
    ids = [d.pk for d in rows]
    counts = {
        pk: (tags, attachments)
        for pk, tags, attachments in Dataset.objects.filter(pk__in=ids)
        .annotate(t=Count("tags", distinct=True), a=Count("attachments", distinct=True))
        .values_list("pk", "t", "a")
    }
    version_ids = {d.pk: d.published_version_id or d.candidate_version_id for d in rows}
    versions = Version.objects.only("pk", "fields", "warnings").in_bulk(
        [v for v in version_ids.values() if v]
    )
    adopted = dict(
        DatasetStandard.objects.filter(dataset_id__in=ids).values_list(
            "dataset_id", "standard_version_id"
        )
    )
    conformance = {
        (c.version_id, c.standard_version_id): c
        for c in Conformance.objects.filter(version_id__in=[v for v in version_ids.values() if v])
    }
    compared: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for comparison in Comparison.objects.filter(
        Q(dataset_a_id__in=ids) | Q(dataset_b_id__in=ids), active=True, latest__isnull=False
    ).values("dataset_a_id", "dataset_b_id", "latest__status"):
        for side in ("dataset_a_id", "dataset_b_id"):
            tally = compared[comparison[side]]
            tally[0] += 1
            tally[1] += comparison["latest__status"] != "ok"
    found = {}
    for dataset in rows:
        version = versions.get(version_ids[dataset.pk])
        fields = version.fields if version else []
        kode = [f for f in fields if f.get("role") == "kode_wilayah"]
        unknown = (version.warnings or {}).get("unknown_codes", {}) if version else {}
        check = conformance.get((version.pk, adopted.get(dataset.pk))) if version else None
        filled = sum(_filled(dataset, name) for name in METADATA_FIELDS) + bool(
            counts[dataset.pk][0]
        )
        comparisons, disagreeing = compared.get(dataset.pk, (0, 0))
        found[dataset.pk] = quality.Evidence(
            metadata_filled=filled,
            metadata_required=len(METADATA_FIELDS) + 1,
            has_version=version is not None,
            standard_adopted=dataset.pk in adopted,
            conformance_rows=check.rows if check else None,
            conformance_failing=min(check.total, check.rows) if check else None,
            kode_columns=len(kode),
            unknown_codes=sum(unknown.get(f["name"], 0) or 0 for f in kode),
            dynamic=dataset.frekuensi in FREKUENSI_DAYS,
            late=(due := next_due(dataset)) is not None and due < today,
            never_published=dataset.data_updated_at is None,
            open_licence_consistent=access_check(dataset, version).ok,
            description_length=len(dataset.description.strip()),
            fields_total=len(fields),
            fields_described=sum(bool((f.get("description") or "").strip()) for f in fields),
            attachments=counts[dataset.pk][1],
            comparisons=comparisons,
            comparisons_disagreeing=disagreeing,
        )
    return found


def stored_parts(parts: list[dict]) -> list[quality.Part]:
    return [quality.Part(**part) for part in parts]


@dataclass(frozen=True)
class Breakdown:
    label: str
    points: float
    maximum: float
    share: int
    reason: str
    counted: bool


def breakdown(stored: DatasetQuality) -> list[Breakdown]:
    """The parts of a stored score, translated, counted parts first."""
    items = []
    for part in stored_parts(stored.parts):
        items.append(
            Breakdown(
                label=_(part.label),
                points=round(part.points, 1),
                maximum=part.maximum,
                share=part.share,
                reason=_(part.reason) % part.params if part.params else _(part.reason),
                counted=part.maximum > 0,
            )
        )
    return sorted(items, key=lambda b: not b.counted)
