"""The automatic checklist the walidata sees beside the manual one (and the produsen before
submitting): metadata, standar data, kode wilayah, schema, open format, access and licence."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satudata.apps.catalog.models import AccessLevel, Dataset, Licence, Version
from satudata.apps.catalog.models.choices import OPEN_LICENCES

REQUIRED_METADATA = (
    "description",
    "topic_id",
    "frekuensi",
    "period_start",
    "period_end",
    "cakupan_wilayah_id",
    "pengelola_nama",
    "pengelola_email",
    "rujukan",
)
REQUIRED_STANDAR = ("konsep", "definisi", "ukuran", "satuan")
PERSONAL_ROLES = {"nik", "kk"}

MANUAL_CHECKS = (
    (
        "standar_data",
        gettext_lazy(
            "Standar Data: concepts, definitions, classification, "
            "measure and unit follow the pembina's standard"
        ),
    ),
    ("metadata", gettext_lazy("Metadata: complete and describes the data correctly")),
    (
        "interoperabilitas",
        gettext_lazy("Interoperabilitas: consistent structure and machine-readable format"),
    ),
    ("kode_referensi", gettext_lazy("Kode Referensi / Data Induk: uses the official codes")),
)


@dataclass
class Check:
    code: str
    label: str
    ok: bool
    details: list[str] = field(default_factory=list)


def _label(dataset: Dataset, name: str) -> str:
    return str(Dataset._meta.get_field(name.removesuffix("_id")).verbose_name)


def metadata_check(dataset: Dataset) -> Check:
    missing = [_label(dataset, n) for n in REQUIRED_METADATA if not getattr(dataset, n)]
    if not dataset.tags.exists():
        missing.append(str(_("tags")))
    details = [_("Missing: %(fields)s") % {"fields": ", ".join(missing)}] if missing else []
    return Check("metadata", _("Metadata complete"), not missing, details)


def standar_check(dataset: Dataset) -> Check:
    missing = [_label(dataset, n) for n in REQUIRED_STANDAR if not getattr(dataset, n).strip()]
    details = [_("Missing: %(fields)s") % {"fields": ", ".join(missing)}] if missing else []
    return Check("standar_data", _("Standar data filled"), not missing, details)


def kode_wilayah_check(version: Version | None) -> Check:
    label = _("Kode wilayah values exist in the reference list")
    if version is None:
        return Check("kode_wilayah", label, False, [_("No data version yet.")])
    columns = [f for f in version.fields if f.get("role") == "kode_wilayah"]
    if not columns:
        return Check("kode_wilayah", label, True, [_("No kode wilayah column in the data.")])
    unknown = version.warnings.get("unknown_codes", {})
    details = [
        _("Column “%(column)s”: %(count)s value(s) not in the reference list")
        % {"column": column, "count": count}
        for column, count in unknown.items()
        if count
    ]
    return Check("kode_wilayah", label, not details, details)


def schema_check(dataset: Dataset, version: Version | None) -> Check:
    label = _("Schema conforms to the published version")
    if version is None:
        return Check("schema", label, False, [_("No data version yet.")])
    diff = version.diff or {}
    details = []
    if dataset.published_version_id and dataset.published_version_id != version.pk:
        for key, text in (
            ("columns_removed", _("Columns removed: %(names)s")),
            ("columns_retyped", _("Columns with a new type: %(names)s")),
        ):
            names = diff.get(key) or []
            if names:
                details.append(text % {"names": ", ".join(_names(names))})
    return Check("schema", label, not details, details)


def _names(items: list[Any]) -> list[str]:
    return [item if isinstance(item, str) else str(item.get("name", item)) for item in items]


def open_format_check(version: Version | None) -> Check:
    label = _("Data in an open, machine-readable format")
    if version is None:
        return Check("open_format", label, False, [_("Only documents; upload the data table.")])
    return Check("open_format", label, True, [_("Stored as Parquet; served as CSV, XLSX, JSON.")])


def access_check(dataset: Dataset, version: Version | None) -> Check:
    details = []
    level, licence = dataset.access_level, dataset.licence
    if level == AccessLevel.TERBUKA and licence not in OPEN_LICENCES:
        details.append(_("Open (terbuka) data needs an open licence such as CC BY 4.0."))
    if level != AccessLevel.TERBUKA and licence in OPEN_LICENCES:
        details.append(_("Restricted or closed data cannot carry an open licence."))
    if level == AccessLevel.TERTUTUP and licence == Licence.BAGI_PAKAI:
        details.append(_("Closed (tertutup) data is not shared: use “Internal use only”."))
    personal = [
        f.get("title") or f["name"]
        for f in (version.fields if version else [])
        if f.get("role") in PERSONAL_ROLES
    ]
    if personal and level == AccessLevel.TERBUKA:
        details.append(
            _("Columns %(names)s hold personal data (NIK / No. KK): it can never be open.")
            % {"names": ", ".join(personal)}
        )
    return Check("access", _("Access level and licence consistent"), not details, details)


CheckProvider = Callable[[Dataset, Version | None], Check | None]

PROVIDERS: list[CheckProvider] = [
    lambda dataset, version: metadata_check(dataset),
    lambda dataset, version: standar_check(dataset),
    lambda dataset, version: kode_wilayah_check(version),
    schema_check,
    lambda dataset, version: open_format_check(version),
    access_check,
]


def register(provider: CheckProvider) -> CheckProvider:
    """Adds an automatic check (another app's, from its `AppConfig.ready`); a provider returns
    None when its check does not apply to the dataset."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def automatic_checks(dataset: Dataset) -> list[Check]:
    version = dataset.candidate_version or dataset.published_version
    found = (provider(dataset, version) for provider in PROVIDERS)
    return [check for check in found if check is not None]
