"""Every write of the Big Data module: sources with their field mapping, runs (an upload read,
masked and analysed in the background), label corrections, spike alerts, and the publication
of aggregates as a catalogue dataset through the normal pemeriksaan. Each leaves an audit
entry; a failed run keeps its reason and changes nothing else."""

from pathlib import Path
from typing import Any

import duckdb
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.bigdata import alerts, analysis, store
from satudata.apps.bigdata.models import Correction, Run, Source
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.engines.text import pipeline, posts_io
from satudata.platform import access, audit, jobs, storage
from satudata.platform import access_bigdata as rules
from satudata.platform.problems import translate_message

MAPPED = posts_io.FIELDS
UPLOAD_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm")


def _team(user: Any) -> access.Viewer:
    viewer = access.viewer_for(user)
    if not rules.can_use(viewer):
        raise NotAllowed(_("Only the walidata and the Big Data team of Diskominfo may do this."))
    return viewer


def _clean_mapping(mapping: dict[str, str]) -> dict[str, str]:
    cleaned = {name: str(mapping.get(name) or "").strip()[:200] for name in MAPPED}
    if not cleaned["text"]:
        raise ActionError(_("Choose the column that holds the text of the post."))
    return {name: column for name, column in cleaned.items() if column}


@transaction.atomic
def check_save_source(
    *,
    user: Any,
    name: str,
    channel: str,
    mapping: dict[str, str] | None = None,
    source: Source | None = None,
    ip: str = "",
) -> Source:
    _team(user)
    name = name.strip()
    if not name:
        raise ActionError(_("Name the source, e.g. “Ekspor SP4N-LAPOR! Kota Tangerang”."))
    if channel not in Source.Channel.values:
        raise ActionError(_("Choose the channel of the source."))
    if Source.objects.filter(name__iexact=name).exclude(pk=source.pk if source else None).exists():
        raise ActionError(_("A source with this name exists already."))
    created = source is None
    source = source or Source(created_by=user, slug=_unique_slug(name))
    source.name, source.channel = name[:200], channel
    if mapping:
        source.mapping = _clean_mapping(mapping)
    source.save()
    audit.record(
        "bigdata.source.create" if created else "bigdata.source.update",
        actor=user,
        obj=source,
        detail={"mapping": source.mapping},
        ip=ip,
    )
    return source


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "sumber"
    slug, n = base, 2
    while Source.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def fits(mapping: dict[str, str], columns: list[str]) -> bool:
    """Whether a saved mapping can read an export with these columns."""
    return bool(mapping.get("text")) and all(c in columns for c in mapping.values() if c)


def _enqueue(run: Run, user: Any) -> None:
    run.status = Run.Status.QUEUED
    run.job = jobs.enqueue("bigdata.run", params={"run": run.pk}, user=user)
    run.save(update_fields=["status", "job"])


def check_start_run(
    *,
    user: Any,
    source: Source,
    file: Path,
    original_name: str,
    inline: bool = False,
    ip: str = "",
) -> Run:
    """Keep the uploaded export (tertutup, under the data folder); analyse it in the background
    (here and now with `inline`) when the source's mapping fits its columns, else wait for the
    mapping."""
    _team(user)
    suffix = Path(original_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ActionError(
            _("“%(name)s” is not a CSV, JSON Lines or XLSX export.") % {"name": original_name}
        )
    try:
        columns = posts_io.preview(file, original_name).columns
    except posts_io.ReadError as error:
        raise ActionError(translate_message(error.message, error.params)) from error
    stored = storage.store_copy(file, "bigdata-uploads", suffix)
    with transaction.atomic():
        run = Run.objects.create(
            source=source,
            file_name=original_name[:255],
            upload_path=storage.relative(stored),
            created_by=user,
        )
        audit.record("bigdata.run.create", actor=user, obj=run, label=original_name, ip=ip)
        if fits(source.mapping, columns) and not inline:
            _enqueue(run, user)
    if inline and fits(source.mapping, columns):
        return do_process_run(run)
    return run


@transaction.atomic
def check_confirm_mapping(*, user: Any, run: Run, mapping: dict[str, str], ip: str = "") -> Run:
    """Save the mapping on the run's source and analyse the run with it."""
    _team(user)
    if run.status != Run.Status.MAPPING:
        raise ActionError(_("This run is already being analysed."))
    columns = posts_io.preview(storage.absolute(run.upload_path), run.file_name).columns
    cleaned = _clean_mapping(mapping)
    if not fits(cleaned, columns):
        raise ActionError(_("Choose columns of this export only."))
    source = run.source
    source.mapping = cleaned
    source.save(update_fields=["mapping"])
    audit.record("bigdata.source.mapping", actor=user, obj=source, detail=cleaned, ip=ip)
    _enqueue(run, user)
    return run


def _fail(run: Run, message: str) -> Run:
    run.status, run.error, run.finished_at = Run.Status.FAILED, message, timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    return run


def do_process_run(run: Run) -> Run:
    """Read the export with its source's mapping, mask and analyse it into the run's Parquet
    file, leave out posts of this source seen in earlier runs, then look for spikes."""
    Run.objects.filter(pk=run.pk).update(status=Run.Status.RUNNING)
    upload = storage.absolute(run.upload_path)
    try:
        found = posts_io.read(upload, run.file_name, run.source.mapping)
    except posts_io.ReadError as error:
        return _fail(run, translate_message(error.message, error.params))
    staged = storage.new_path("staging", ".parquet")
    target = storage.new_path("bigdata-posts", ".parquet")
    try:
        store.write_new_posts(found.table, staged, store.earlier_posts(run), run.source.channel)
        stats = pipeline.run(
            staged,
            target,
            key=analysis.masking_key(),
            sentiment=analysis.sentiment_model(),
            topics=analysis.topic_classifier(),
            gazetteer=analysis.gazetteer(),
        )
    except (duckdb.Error, OSError, ValueError) as error:
        target.unlink(missing_ok=True)
        return _fail(
            run, _("The posts could not be analysed: %(reason)s") % {"reason": str(error)[:300]}
        )
    finally:
        staged.unlink(missing_ok=True)
    run.posts_path = storage.relative(target)
    run.rows_read = found.table.num_rows + found.skipped
    run.rows_kept = stats.rows
    run.duplicates = stats.duplicates
    run.skipped = found.skipped + (found.table.num_rows - stats.rows)
    run.languages = stats.per_language
    run.masked = stats.masked
    run.seconds = stats.seconds
    run.status, run.finished_at, run.error = Run.Status.DONE, timezone.now(), ""
    run.save()
    alerts.do_detect_spikes()
    return run


@jobs.handler("bigdata.run")
def run_job(context: jobs.JobContext) -> dict[str, Any]:
    run = do_process_run(Run.objects.select_related("source").get(pk=context.params["run"]))
    if run.status == Run.Status.FAILED:
        raise jobs.UserFacingError(run.error)
    return {"run": run.pk, "posts": run.rows_kept}


def check_start_retrain(*, user: Any, ip: str = "") -> Any:
    """Train a new sentiment model version with the corrections, in the background."""
    _team(user)
    if not Correction.objects.filter(field=Correction.Field.SENTIMENT).exists():
        raise ActionError(_("Correct the sentiment of some posts first: they are what is new."))
    with transaction.atomic():
        job = jobs.enqueue("bigdata.retrain", params={}, user=user)
        audit.record("bigdata.retrain", actor=user, obj=job, ip=ip)
    return job


@transaction.atomic
def check_correct(
    *, user: Any, run: Run, post_id: str, field: str, value: str, ip: str = ""
) -> Correction:
    """Set the right sentiment or topic of one post; kept as training data."""
    _team(user)
    allowed = store.SENTIMENTS if field == Correction.Field.SENTIMENT else store.topic_slugs()
    if field not in Correction.Field.values or value not in allowed:
        raise ActionError(_("Choose one of the offered labels."))
    text = store.post_text(run, post_id)
    if text is None:
        raise ActionError(_("This post is not in the run."))
    correction, _created = Correction.objects.update_or_create(
        run=run,
        post_id=post_id[:120],
        field=field,
        defaults={"value": value, "text_masked": text, "by": user},
    )
    audit.record(
        "bigdata.correction",
        actor=user,
        obj=run,
        detail={"post": post_id[:120], "field": field, "value": value},
        ip=ip,
    )
    return correction
