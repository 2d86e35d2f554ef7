"""Text a visitor copies from a dataset page: how to call the API and how to cite the data."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.portal.queries import absolute

BIBTEX_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_{}"})


@dataclass(frozen=True)
class ApiLinks:
    metadata: str
    data: str
    version_data: str
    download_csv: str
    needs_token: bool


def api_links(dataset: Dataset, version: Version) -> ApiLinks:
    """The absolute addresses of the dataset's API endpoints and of its CSV download."""
    base = absolute(f"/api/v1/datasets/{dataset.slug}")
    return ApiLinks(
        metadata=base,
        data=f"{base}/data",
        version_data=f"{base}/versions/{version.number}/data",
        download_csv=absolute(
            reverse("portal:download", args=[dataset.slug, version.number, "csv"])
        ),
        needs_token=dataset.access_level != "terbuka",
    )


def curl_snippet(links: ApiLinks) -> str:
    header = ' -H "Authorization: Bearer $SATUDATA_TOKEN"' if links.needs_token else ""
    return "\n".join(
        [
            f'curl -s{header} "{links.metadata}"',
            f'curl -s{header} "{links.data}"',
            f'curl -s{header} "{links.version_data}"',
            f'curl -sL{header} -o data.csv "{links.download_csv}"',
        ]
    )


def python_snippet(links: ApiLinks) -> str:
    lines = ["import httpx", ""]
    if links.needs_token:
        lines += [
            "import os",
            "",
            'headers = {"Authorization": f"Bearer {os.environ[\'SATUDATA_TOKEN\']}"}',
        ]
    else:
        lines.append("headers = {}")
    lines += [
        f'metadata = httpx.get("{links.metadata}", headers=headers).json()',
        f'data = httpx.get("{links.data}", headers=headers).json()',
        f'pinned = httpx.get("{links.version_data}", headers=headers).json()',
    ]
    if not links.needs_token:
        lines += ["", "import polars as pl", "", f'table = pl.read_csv("{links.download_csv}")']
    return "\n".join(lines)


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str


def _year(dataset: Dataset, version: Version) -> int:
    published = dataset.data_updated_at or version.created_at
    return published.year


def citation(dataset: Dataset, version: Version, today: date) -> Citation:
    """An APA-like reference and a BibTeX entry: organisation, year, title, version, portal,
    address and the day of access."""
    organisation = dataset.organisation.name
    year = _year(dataset, version)
    url = absolute(dataset.get_absolute_url())
    text = _(
        "%(organisation)s. (%(year)s). %(title)s (version %(version)s) [Data set]. "
        "%(portal)s. %(url)s. Accessed %(accessed)s."
    ) % {
        "organisation": organisation,
        "year": year,
        "title": dataset.title,
        "version": version.number,
        "portal": settings.SITE_NAME,
        "url": url,
        "accessed": date_format(today, "j F Y"),
    }
    fields = [
        ("author", "{" + organisation.translate(BIBTEX_SPECIAL) + "}"),
        ("title", dataset.title.translate(BIBTEX_SPECIAL)),
        ("year", str(year)),
        ("version", str(version.number)),
        ("publisher", settings.SITE_NAME.translate(BIBTEX_SPECIAL)),
        ("url", url),
        ("urldate", today.isoformat()),
    ]
    key = f"{dataset.slug}-{year}-v{version.number}"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Citation(text=text, bibtex=f"@misc{{{key},\n{body},\n  note = {{Dataset}}\n}}")
