"""Reads of the geo app. Base layers are public reference data (every viewer sees them); the
catalogue's layers are the published versions of layer datasets the viewer may see, through
the one access gate (`platform.access`): a layer the viewer may not see is missing."""

from django.db.models import QuerySet
from django.http import Http404

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.layers import Layer, from_base, from_dataset
from satudata.apps.geo.models import BaseLayer
from satudata.platform import access

# What one layer is made of (`layers.from_dataset`), what the audit of a read asks of its
# dataset (`access.read_is_audited`) and what the OGC pages link to: the rest is not read.
LAYER_FIELDS = (
    "slug",
    "title",
    "description",
    "access_level",
    "state",
    "prioritas_years",
    "organisation_id",
    "organisation__name",
    "published_version__geo",
    "published_version__rows",
    "published_version__fields",
)


def layer_datasets(viewer: access.Viewer) -> QuerySet[Dataset]:
    """Published layer datasets the viewer may see."""
    return (
        access.public_datasets(viewer)
        .filter(published_version__geo__has_key="path")
        .select_related("published_version", "organisation")
        .order_by("title")
    )


def collections(viewer: access.Viewer) -> list[Layer]:
    base = [from_base(layer) for layer in BaseLayer.objects.all()]
    return [*base, *(from_dataset(d) for d in layer_datasets(viewer))]


def collection_or_404(viewer: access.Viewer, slug: str) -> Layer:
    """The layer `slug`: a base layer, else a layer dataset the viewer may see. A layer that
    does not exist and one the viewer may not see answer alike."""
    base = next(iter(BaseLayer.objects.filter(slug=slug)[:1]), None)
    if base is not None:
        return from_base(base)
    found = layer_datasets(viewer).filter(slug=slug).only(*LAYER_FIELDS).order_by()[:1]
    dataset = next(iter(found), None)
    if dataset is None:
        raise Http404
    return from_dataset(dataset)
