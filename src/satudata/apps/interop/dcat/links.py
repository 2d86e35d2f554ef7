"""The public addresses (and the RDF identifiers made from them) of the catalogue, a dataset,
its downloads and its licence, as the public reaches the portal (`SATUDATA_SITE_URL`).

A dataset is identified by its page with the fragment `#dataset`, so that its DCAT description
and the schema.org description inside the page speak of the same thing."""

from django.conf import settings
from django.urls import reverse

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset, Topic, Version
from satudata.apps.interop.dcat.vocab import LICENCES
from satudata.apps.standards.models import StandardVersion


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def home() -> str:
    return absolute("/")


def catalog_iri() -> str:
    return absolute("/#catalog")


def topic_scheme_iri() -> str:
    return absolute(reverse("portal:topic_list"))


def dataset_page(dataset: Dataset) -> str:
    return absolute(dataset.get_absolute_url())


def dataset_iri(dataset: Dataset) -> str:
    return dataset_page(dataset) + "#dataset"


def organisation_iri(organisation: Organisation) -> str:
    return absolute(organisation.get_absolute_url())


def topic_iri(topic: Topic) -> str:
    return absolute(topic.get_absolute_url())


def standard(version: StandardVersion) -> str:
    return absolute(version.get_absolute_url())


def download(dataset: Dataset, version: Version, fmt: str) -> str:
    return absolute(reverse("portal:download", args=[dataset.slug, version.number, fmt]))


def licence(code: str) -> str:
    """The licence's public text, or the portal's explanation of the licences it uses."""
    info = LICENCES.get(code)
    if info is not None and info.path:
        return info.path
    return absolute(reverse("portal:about") + "#licences")


def dcat(dataset: Dataset, fmt: str) -> str:
    return absolute(reverse(f"interop:dcat_dataset_{fmt}", args=[dataset.slug]))


def datapackage(dataset: Dataset, kind: str = "json") -> str:
    return absolute(reverse(f"interop:datapackage_{kind}", args=[dataset.slug]))
