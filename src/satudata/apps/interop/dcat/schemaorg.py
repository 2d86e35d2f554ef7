"""The schema.org `Dataset` description in a dataset page's head (what search engines read),
and its safe embedding in `<script type="application/ld+json">`."""

import json
from typing import Any

from django.conf import settings

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset
from satudata.apps.interop.dcat import links, queries
from satudata.apps.interop.dcat.vocab import FILE_FORMATS

SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(data: Any) -> str:
    """JSON that cannot end its `<script>` element nor open markup inside it."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES)


def organisation(org: Organisation) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "GovernmentOrganization",
        "@id": links.organisation_iri(org),
        "name": org.name,
        "url": links.organisation_iri(org),
    }
    if org.email:
        item["email"] = org.email
    return item


def _temporal(dataset: Dataset) -> str | None:
    if dataset.period_start is None and dataset.period_end is None:
        return None
    start = dataset.period_start.isoformat() if dataset.period_start else ".."
    end = dataset.period_end.isoformat() if dataset.period_end else ".."
    return f"{start}/{end}"


def _place(dataset: Dataset) -> dict[str, Any] | None:
    wilayah = dataset.cakupan_wilayah
    if wilayah is None:
        return None
    place: dict[str, Any] = {"@type": "Place", "name": wilayah.nama, "identifier": wilayah.kode}
    if wilayah.lat is not None and wilayah.lng is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": wilayah.lat,
            "longitude": wilayah.lng,
        }
    return place


def _variables(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    variables = []
    for field in fields:
        item = {"@type": "PropertyValue", "name": field["name"]}
        title = field.get("title")
        if title and title != field["name"]:
            item["description"] = title
        variables.append(item)
    return variables


def dataset_document(
    dataset: Dataset, publisher: Organisation | None, tags: list[str] | None = None
) -> dict[str, Any]:
    """The description of a dataset the viewer sees. Downloads appear only for its published
    version, which everyone who may see the dataset may download. `tags` saves reading the
    dataset's tags again when the caller has them."""
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": links.dataset_iri(dataset),
        "name": dataset.title,
        "description": dataset.description or dataset.definisi or dataset.konsep or dataset.title,
        "url": links.dataset_page(dataset),
        "identifier": links.dataset_iri(dataset),
        "keywords": tags if tags is not None else [tag.name for tag in dataset.tags.all()],
        "license": links.licence(dataset.licence),
        "creator": organisation(dataset.organisation),
        "publisher": organisation(publisher or dataset.organisation),
        "isAccessibleForFree": dataset.access_level == "terbuka",
        "inLanguage": "id",
        "dateModified": queries.modified(dataset).isoformat(timespec="seconds"),
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": settings.SITE_NAME,
            "url": links.home(),
        },
    }
    published = queries.first_published(dataset)
    if published is not None:
        document["datePublished"] = published.isoformat(timespec="seconds")
    temporal = _temporal(dataset)
    if temporal:
        document["temporalCoverage"] = temporal
    place = _place(dataset)
    if place:
        document["spatialCoverage"] = place
    version = dataset.published_version
    if version is not None:
        document["version"] = str(version.number)
        document["distribution"] = [
            {
                "@type": "DataDownload",
                "encodingFormat": spec.media_type,
                "contentUrl": links.download(dataset, version, fmt),
            }
            for fmt, spec in FILE_FORMATS.items()
        ]
        document["variableMeasured"] = _variables(version.fields)
    return document
