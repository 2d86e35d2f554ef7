"""One job API for everything that runs in the background.

`enqueue(kind, ...)` creates a `Job` row (what the user sees) and hands its id to Huey:
SQLite-backed and in-process by default, Redis-backed workers when SATUDATA_REDIS_URL is set.
A handler receives a `JobContext` to report progress. A job that fails keeps a user-facing
message; a worker that dies leaves a `running` job whose heartbeat stops, which
`reap_stale_jobs` marks as failed."""

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from huey.contrib.djhuey import task

from satudata.platform.models import Job

log = logging.getLogger(__name__)

Handler = Callable[["JobContext"], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}
STALE_AFTER = timedelta(minutes=10)


class UserFacingError(Exception):
    """An error whose message is written for the person who started the job."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return register


class JobContext:
    def __init__(self, job: Job) -> None:
        self.job = job
        self._last_write = 0.0

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def progress(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last_write < 0.5 and fraction < 1.0:
            return
        self._last_write = now
        self.job.progress = max(0.0, min(1.0, fraction))
        self.job.message = str(message)[:300]
        self.job.heartbeat_at = timezone.now()
        Job.objects.filter(pk=self.job.pk).update(
            progress=self.job.progress, message=self.job.message, heartbeat_at=self.job.heartbeat_at
        )


def enqueue(kind: str, *, params: dict[str, Any], user: Any = None) -> Job:
    if kind not in _HANDLERS:
        raise KeyError(kind)
    job = Job.objects.create(kind=kind, params=params, created_by=user)
    from django.db import transaction

    transaction.on_commit(lambda: run_job(str(job.pk)))
    return job


def execute(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.status != Job.Status.QUEUED:
        return
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    job.status = Job.Status.RUNNING
    context = JobContext(job)
    try:
        result = _HANDLERS[job.kind](context)
    except UserFacingError as exc:
        _finish(job, Job.Status.FAILED, error=str(exc))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, error=str(_("The job stopped on an unexpected error.")))
    else:
        _finish(job, Job.Status.SUCCEEDED, result=result)


def _finish(job: Job, status: str, *, error: str = "", result: dict | None = None) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=status,
        error=error,
        result=result or {},
        progress=1.0 if status == Job.Status.SUCCEEDED else job.progress,
        finished_at=timezone.now(),
    )


@task()
def run_job(job_id: str) -> None:
    """Runs a job in a worker; in immediate mode it runs in the caller's thread, whose database
    connection is the caller's to keep."""
    worker = not settings.HUEY.get("immediate")
    if worker:
        close_old_connections()
    try:
        execute(job_id)
    finally:
        if worker:
            close_old_connections()


def reap_stale_jobs() -> int:
    """Mark as failed the jobs whose worker stopped sending heartbeats (killed or crashed)."""
    limit = timezone.now() - STALE_AFTER
    return Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=limit).update(
        status=Job.Status.FAILED,
        error=str(_("The job was interrupted. Nothing was changed; please try again.")),
        finished_at=timezone.now(),
    )
