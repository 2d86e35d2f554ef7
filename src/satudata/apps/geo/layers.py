"""What the OGC services serve: a layer, whether a base layer (public reference boundaries) or
a catalogue layer (the published version of a dataset that is a layer, under the dataset's
access level). One shape for both, so the documents, features and tiles never ask which."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.models import BaseLayer

TIME_TYPES = frozenset({"date", "datetime"})


@dataclass(frozen=True)
class Layer:
    slug: str
    title: str
    description: str
    parquet_path: str  # the GeoParquet file of the shapes
    checksum: str
    features: int
    bbox: list[float]
    attributes: list[tuple[str, str]]
    source: str
    dataset: Dataset | None = None

    @property
    def time_attribute(self) -> str | None:
        """The attribute that `datetime` filters on: the layer's first date or time."""
        for name, kind in self.attributes:
            if kind.lower() in TIME_TYPES or kind.upper().startswith("TIMESTAMP"):
                return name
        return None

    @property
    def page(self) -> str:
        """The portal's page of the layer (its dataset), or the OGC page of a base layer."""
        if self.dataset is not None:
            return self.dataset.get_absolute_url()
        return reverse("geo:collection", args=[self.slug]) + "?f=html"


def from_base(layer: BaseLayer) -> Layer:
    return Layer(
        slug=layer.slug,
        title=layer.title,
        description=layer.description,
        parquet_path=layer.parquet_path,
        checksum=layer.checksum,
        features=layer.features,
        bbox=list(layer.bbox or []),
        attributes=[(str(name), str(kind)) for name, kind in layer.attributes],
        source=layer.source,
    )


def from_dataset(dataset: Dataset) -> Layer:
    """The published version of a layer dataset (the caller has checked that the viewer may
    see it)."""
    version = dataset.published_version
    assert version is not None and version.is_layer
    geo: dict[str, Any] = version.geo
    return Layer(
        slug=dataset.slug,
        title=dataset.title,
        description=dataset.description,
        parquet_path=geo["path"],
        checksum=geo["checksum"],
        features=version.rows,
        bbox=list(geo.get("bbox") or []),
        attributes=[(f["name"], f["type"]) for f in version.fields],
        source=dataset.organisation.name,
        dataset=dataset,
    )
