"""Every write of the standards app: standards and their versions, drafts from a Table Schema or
from a dataset, adoption by a dataset, and the stored conformance of dataset versions."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.fields import to_field
from satudata.apps.catalog.models import Dataset, Version
from satudata.apps.codelists.models import CodeList
from satudata.apps.search.actions import do_touch_index
from satudata.apps.standards import permissions, resolve
from satudata.apps.standards.models import (
    Conformance,
    DatasetStandard,
    Standard,
    StandardField,
    StandardVersion,
)
from satudata.engines import standards, tabular
from satudata.platform import access, audit, storage

State = StandardVersion.State
LEVEL_OF_PENYAJIAN = {"kota": "kabkota", "kecamatan": "kecamatan", "kelurahan": "desa"}


def _issues_text(error: standards.TableSchemaError) -> str:
    return " ".join(issue.text(_) for issue in error.issues)


def _checked(fields: Sequence[standards.StandardField]) -> list[standards.StandardField]:
    """The fields after the same checks an imported Table Schema passes."""
    try:
        doc = standards.to_table_schema(standards.Standard(name="", fields=tuple(fields)))
        return list(standards.from_table_schema(doc).fields) if fields else []
    except standards.TableSchemaError as exc:
        raise ActionError(_issues_text(exc)) from exc


def _write_fields(version: StandardVersion, fields: Sequence[standards.StandardField]) -> None:
    slugs = {f.code_list for f in fields if f.code_list}
    lists = {c.slug: c for c in CodeList.objects.filter(slug__in=slugs)}
    unknown = slugs - set(lists)
    if unknown:
        raise ActionError(
            _("Unknown code list: %(slugs)s.") % {"slugs": ", ".join(sorted(unknown))}
        )
    version.fields.all().delete()
    StandardField.objects.bulk_create(
        StandardField(
            version=version,
            order=k,
            name=f.name,
            title=f.title,
            description=f.description,
            type=str(f.type),
            **{key: getattr(f, key) for key in standards.SDI_TEXTS},
            required=f.required,
            unique=f.unique,
            minimum=standards.model.bound_text(f.minimum),
            maximum=standards.model.bound_text(f.maximum),
            pattern=f.pattern or "",
            enum=list(f.enum or []),
            code_list=lists.get(f.code_list or ""),
            wilayah_level=f.wilayah_level or "",
        )
        for k, f in enumerate(fields)
    )


def _texts(texts: Mapping[str, str]) -> dict[str, str]:
    return {key: (texts.get(key) or "").strip() for key in standards.SDI_TEXTS}


def check_create_standard(
    *,
    user: Any,
    slug: str,
    title: str,
    description: str = "",
    topic: Any = None,
    organisation: Any = None,
    texts: Mapping[str, str] | None = None,
    fields: Sequence[standards.StandardField] = (),
    ip: str = "",
) -> StandardVersion:
    """A new standard of the user's organisation (the walidata may name another) with draft
    version 1."""
    viewer = access.viewer_for(user)
    if not permissions.can_manage(viewer):
        raise NotAllowed(_("Only the pembina data and the walidata write data standards."))
    organisation = organisation if viewer.is_walidata and organisation else user.organisation
    if organisation is None:
        raise ActionError(_("Your account belongs to no organisation."))
    if Standard.objects.filter(slug=slug).exists():
        raise ActionError(_("A standard with the address “%(slug)s” exists.") % {"slug": slug})
    checked = _checked(fields)
    with transaction.atomic():
        standard = Standard.objects.create(
            slug=slug,
            title=title,
            description=description,
            topic=topic,
            organisation=organisation,
            created_by=user,
        )
        version = StandardVersion.objects.create(
            standard=standard, number=1, created_by=user, **_texts(texts or {})
        )
        _write_fields(version, checked)
        audit.record("standard.create", actor=user, obj=standard, label=title, ip=ip)
    return version


def _editable(user: Any, version: StandardVersion) -> None:
    if not permissions.can_edit_standard(access.viewer_for(user), version.standard):
        raise NotAllowed(_("You may not change this standard."))


def check_save_draft(
    *,
    user: Any,
    version: StandardVersion,
    texts: Mapping[str, str],
    note: str,
    fields: Sequence[standards.StandardField],
    ip: str = "",
) -> StandardVersion:
    _editable(user, version)
    checked = _checked(fields)
    with transaction.atomic():
        version = StandardVersion.objects.select_for_update().get(pk=version.pk)
        if not version.is_draft:
            raise ActionError(_("Only a draft can be changed; start a new draft."))
        for key, value in _texts(texts).items():
            setattr(version, key, value)
        version.note = note.strip()
        version.save()
        _write_fields(version, checked)
        audit.record(
            "standard.draft.save", actor=user, obj=version, detail={"fields": len(checked)}, ip=ip
        )
    return version


def check_new_draft(*, user: Any, standard: Standard, ip: str = "") -> StandardVersion:
    """The next version as a draft, copying the last version's texts and fields."""
    if not permissions.can_edit_standard(access.viewer_for(user), standard):
        raise NotAllowed(_("You may not change this standard."))
    with transaction.atomic():
        standard = Standard.objects.select_for_update().get(pk=standard.pk)
        if standard.versions.filter(state=State.DRAFT).exists():
            raise ActionError(_("This standard already has a draft."))
        last = standard.versions.order_by("-number").first()
        number = (standard.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        texts = {key: getattr(last, key) for key in standards.SDI_TEXTS} if last else {}
        version = StandardVersion.objects.create(
            standard=standard, number=number, created_by=user, **texts
        )
        if last is not None:
            _write_fields(version, [resolve.engine_field(f) for f in resolve.fields_of(last)])
        audit.record("standard.draft.create", actor=user, obj=version, ip=ip)
    return version


def check_publish_version(*, user: Any, version: StandardVersion, ip: str = "") -> None:
    _editable(user, version)
    with transaction.atomic():
        version = StandardVersion.objects.select_for_update().get(pk=version.pk)
        if not version.is_draft:
            raise ActionError(_("Only a draft can be published."))
        if not version.fields.exists():
            raise ActionError(_("A standard needs at least one field before it is published."))
        held_back = bool(version.withheld)
        version.state = State.PUBLISHED
        version.published_at = timezone.now()
        version.withheld = {}
        version.save(update_fields=["state", "published_at", "withheld"])
        audit.record(
            "standard.publish",
            actor=user,
            obj=version,
            detail={"unconfirmed_values_dropped": True} if held_back else None,
            ip=ip,
        )


def check_retire_version(*, user: Any, version: StandardVersion, ip: str = "") -> None:
    """A retired version stays readable and keeps its adoptions; no new dataset adopts it."""
    _editable(user, version)
    with transaction.atomic():
        version = StandardVersion.objects.select_for_update().get(pk=version.pk)
        if version.state != State.PUBLISHED:
            raise ActionError(_("Only a published version can be retired."))
        version.state = State.RETIRED
        version.retired_at = timezone.now()
        version.save(update_fields=["state", "retired_at"])
        audit.record("standard.retire", actor=user, obj=version, ip=ip)


def check_import_table_schema(
    *,
    user: Any,
    descriptor: Any,
    standard: Standard | None = None,
    slug: str = "",
    title: str = "",
    ip: str = "",
) -> StandardVersion:
    """A draft from a Table Schema document: a new standard, or the next version of one."""
    try:
        doc = standards.from_table_schema(descriptor)
    except standards.TableSchemaError as exc:
        raise ActionError(_issues_text(exc)) from exc
    texts = {key: getattr(doc, key) for key in standards.SDI_TEXTS}
    if standard is None:
        return check_create_standard(
            user=user,
            slug=slug,
            title=title or doc.title or slug,
            description=doc.description,
            texts=texts,
            fields=doc.fields,
            ip=ip,
        )
    draft = standard.versions.filter(state=State.DRAFT).first()
    if draft is None:
        draft = check_new_draft(user=user, standard=standard, ip=ip)
    return check_save_draft(
        user=user, version=draft, texts=texts, note=draft.note, fields=doc.fields, ip=ip
    )


def check_propose_from_dataset(
    *, user: Any, dataset: Dataset, slug: str, title: str, ip: str = ""
) -> StandardVersion:
    """A draft standard inferred from the dataset's published version, for the pembina to edit.

    From a terbatas or tertutup dataset, its description, SDI texts, allowed values and observed
    ranges stay out of the draft (kept in `withheld`) until the walidata confirms them."""
    viewer = access.viewer_for(user)
    if not access.datasets(viewer).filter(pk=dataset.pk).exists():
        raise NotAllowed(_("You may not see this dataset."))
    version = dataset.published_version
    if version is None:
        raise ActionError(_("The dataset has no published version to learn from."))
    fields = standards.propose(
        storage.absolute(version.parquet_path),
        [tabular.Field.from_dict(f) for f in version.fields],
        version.rows,
        wilayah_level=LEVEL_OF_PENYAJIAN.get(dataset.level_penyajian),
    )
    texts = {key: getattr(dataset, key) for key in standards.SDI_TEXTS}
    description = dataset.description
    withheld: dict[str, Any] = {}
    if dataset.access_level != "terbuka":
        fields, drawn = standards.withhold(fields)
        withheld = {"description": description, "texts": texts, "fields": drawn}
        description, texts = "", {}
    with transaction.atomic():
        draft = check_create_standard(
            user=user,
            slug=slug,
            title=title,
            description=description,
            topic=dataset.topic,
            texts=texts,
            fields=fields,
            ip=ip,
        )
        draft.source_dataset = dataset
        draft.withheld = withheld
        draft.save(update_fields=["source_dataset", "withheld"])
    return draft


def check_confirm_withheld(*, user: Any, version: StandardVersion, ip: str = "") -> list[str]:
    """The walidata puts what a proposal held back from a non-public dataset into the draft:
    its description and SDI texts where the draft has none, and allowed values and ranges on the
    fields that still exist and have none of their own. Returns the fields that got values."""
    viewer = access.viewer_for(user)
    if not viewer.is_walidata:
        raise NotAllowed(
            _("Only the walidata confirms values drawn from data the public may not see.")
        )
    with transaction.atomic():
        version = (
            StandardVersion.objects.select_for_update()
            .select_related("standard")
            .get(pk=version.pk)
        )
        if not version.is_draft:
            raise ActionError(_("Only a draft can be changed; start a new draft."))
        if not version.withheld:
            raise ActionError(_("This draft holds back no values."))
        held = version.withheld
        fields, names = standards.restore(
            [resolve.engine_field(f) for f in resolve.fields_of(version)], held.get("fields", {})
        )
        for key, value in _texts(held.get("texts", {})).items():
            if not getattr(version, key):
                setattr(version, key, value)
        standard = version.standard
        if not standard.description and held.get("description"):
            standard.description = held["description"]
            standard.save(update_fields=["description"])
        version.withheld = {}
        version.save()
        _write_fields(version, _checked(fields))
        audit.record(
            "standard.confirm_values",
            actor=user,
            obj=version,
            detail={"dataset": version.source_dataset_id, "fields": names},
            ip=ip,
        )
    return names


def check_adopt_standard(
    *, user: Any, dataset: Dataset, standard_version: StandardVersion | None, ip: str = ""
) -> DatasetStandard | None:
    """The dataset's uploads are read into `standard_version` from now on (None: no standard)."""
    if not permissions.can_adopt(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not change this dataset."))
    if standard_version is not None and standard_version.state != State.PUBLISHED:
        raise ActionError(_("Only a published standard version can be adopted."))
    with transaction.atomic():
        if standard_version is None:
            DatasetStandard.objects.filter(dataset=dataset).delete()
            audit.record("standard.drop", actor=user, obj=dataset, ip=ip)
            return None
        adoption, _created = DatasetStandard.objects.update_or_create(
            dataset=dataset, defaults={"standard_version": standard_version, "adopted_by": user}
        )
        do_touch_index()
        audit.record(
            "standard.adopt",
            actor=user,
            obj=dataset,
            detail={"standard": standard_version.standard.slug, "version": standard_version.number},
            ip=ip,
        )
    for version in {dataset.published_version, dataset.candidate_version} - {None}:
        do_check_conformance(version, standard_version)
    return adoption


def do_check_conformance(version: Version, standard_version: StandardVersion) -> Conformance:
    """Re-validate the stored Parquet version against the standard and keep the counts."""
    result = standards.check_parquet(
        storage.absolute(version.parquet_path), resolve.field_specs(standard_version)
    )
    problems = {f.name: f.counts for f in result.fields if f.counts}
    with transaction.atomic():
        found, _created = Conformance.objects.update_or_create(
            version=version,
            standard_version=standard_version,
            defaults={"rows": result.rows, "total": result.total, "problems": problems},
        )
    return found


def field_of(version: Version, name: str) -> tabular.Field | None:
    """A version's column by name (for titles in conformance lists)."""
    for data in version.fields:
        if data.get("name") == name:
            return to_field(data)
    return None
