"""The background job that harvests one source: read the remote records from the high-water
mark on, write each through the actions (one failing record does not stop the run), report
deletions, and close the run with its counts."""

import logging
from datetime import datetime
from types import ModuleType
from typing import Any

from django.utils.translation import gettext as _

from satudata.apps.harvest import actions, ckan, dcat
from satudata.apps.harvest.models import HarvestRun, HarvestSource
from satudata.apps.harvest.records import HarvestError, RecordProblem, RemoteRecord
from satudata.platform import jobs

log = logging.getLogger(__name__)
HARVESTERS: dict[str, ModuleType] = {HarvestSource.Kind.CKAN: ckan, HarvestSource.Kind.DCAT: dcat}


class Tally:
    def __init__(self, run: HarvestRun) -> None:
        self.run = run
        self.seen: set[str] = set()
        self.high_water: datetime | None = None

    def count(self, outcome: str) -> None:
        setattr(self.run, outcome, getattr(self.run, outcome) + 1)

    def problem(self, remote_id: str, remote_name: str, message: str, detail: str = "") -> None:
        self.run.failed += 1
        actions.do_log_record_error(
            self.run, remote_id=remote_id, remote_name=remote_name, message=message, detail=detail
        )

    def saw(self, record: RemoteRecord) -> None:
        if record.modified and (self.high_water is None or record.modified > self.high_water):
            self.high_water = record.modified


def _one(tally: Tally, source: HarvestSource, item: RemoteRecord | RecordProblem) -> None:
    if item.remote_id:
        tally.seen.add(item.remote_id)
    if isinstance(item, RecordProblem):
        tally.problem(item.remote_id, item.remote_name, item.message, item.detail)
        return
    tally.saw(item)
    user = tally.run.created_by or source.created_by
    if not item.public:
        actions.do_withdraw_not_public(source=source, remote_id=item.remote_id, user=user)
        tally.count("skipped")
        return
    try:
        tally.count(actions.do_harvest_record(source=source, record=item, user=user))
    except Exception as exc:  # one bad record is logged; the run goes on
        log.warning("harvest of %s record %s failed", source.pk, item.remote_id, exc_info=True)
        tally.problem(
            item.remote_id,
            item.name,
            _("The record could not be saved."),
            f"{type(exc).__name__}: {exc}",
        )


def harvest(run: HarvestRun, *, full: bool, progress: Any = None) -> HarvestRun:
    source = run.source
    harvester = HARVESTERS[source.kind]
    since = None if full else source.last_success_modified
    tally = Tally(run)
    actions.do_begin_run(run)
    try:
        for number, item in enumerate(harvester.iter_records(source.url, since), start=1):
            _one(tally, source, item)
            if progress is not None and number % 20 == 0:
                progress(0.5, _("%(n)s records read") % {"n": number})
        if since is None:
            present: set[str] | None = tally.seen
        elif source.kind == HarvestSource.Kind.CKAN:
            present = ckan.remote_ids(source.url)
        else:
            present = None
        user = run.created_by or source.created_by
        if present is not None:
            run.deleted = actions.do_mark_deleted(source=source, present=present, user=user)
    except HarvestError as exc:
        actions.do_finish_run(
            run, status=HarvestRun.Status.FAILED, message=str(exc), high_water=None
        )
        return run
    status = HarvestRun.Status.PARTIAL if run.failed else HarvestRun.Status.SUCCEEDED
    message = "" if present is not None else _("Deletions are checked on full harvests only.")
    actions.do_finish_run(run, status=status, message=message, high_water=tally.high_water)
    return run


@jobs.handler("harvest.run")
def run_harvest(context: jobs.JobContext) -> dict[str, Any]:
    run = HarvestRun.objects.select_related("source", "created_by").get(pk=context.params["run"])
    harvest(run, full=bool(context.params.get("full")), progress=context.progress)
    if run.status == HarvestRun.Status.FAILED:
        raise jobs.UserFacingError(run.message)
    return {"run": run.pk, "status": run.status}
