"""Which columns of an upload could be matched by hand onto the dataset's schema.

When a header in the file differs from the standard's ("Total Penduduk" for "Jumlah Penduduk"),
the engine reports the standard's column as missing and the file's column as extra. The produsen
then says which of the file's columns holds each missing one, and the file is read again."""

from dataclasses import dataclass

from satudata.apps.catalog.actions.uploads import target_schema
from satudata.apps.catalog.models import Dataset, Upload

MISSING = "schema.missing_column"
EXTRA = "schema.extra_column"


@dataclass(frozen=True)
class Target:
    name: str
    title: str


@dataclass(frozen=True)
class Unmatched:
    targets: list[Target]
    sources: list[str]

    def __bool__(self) -> bool:
        return bool(self.targets and self.sources)


def schema_targets(dataset: Dataset) -> list[Target]:
    """The columns every upload of this dataset is read into: its adopted standard's fields,
    else the latest version's."""
    return [Target(spec.name, spec.title or spec.name) for spec in target_schema(dataset) or []]


def unmatched_columns(upload: Upload) -> Unmatched:
    """The standard's missing columns and the file's extra columns, as the engine reported them."""
    missing = {p.get("column") for p in upload.problems if p.get("rule") == MISSING}
    sources = [p["column"] for p in upload.problems if p.get("rule") == EXTRA and p.get("column")]
    targets = [t for t in schema_targets(upload.dataset) if t.title in missing]
    return Unmatched(targets, list(dict.fromkeys(sources)))
