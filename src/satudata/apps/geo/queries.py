"""Reads of the geo app. Base layers are public reference data (every viewer sees them); the
catalogue's own layers will come here through `platform.access`."""

from django.http import Http404

from satudata.apps.geo.models import BaseLayer


def collections() -> list[BaseLayer]:
    return list(BaseLayer.objects.all())


def collection_or_404(slug: str) -> BaseLayer:
    found = BaseLayer.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found
