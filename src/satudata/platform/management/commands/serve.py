"""`satudata serve`: prepare the database and static files, then run gunicorn and a job worker.

Both run as child processes of this one. On SIGINT or SIGTERM it stops each gracefully (gunicorn
with SIGTERM, the Huey consumer with SIGINT), killing what is still running after 30 s; when one
child exits, it stops the other; and on Linux the kernel stops both if this process is killed
outright."""

import ctypes
import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from dataclasses import dataclass
from types import FrameType
from typing import Any

import gunicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from satudata.config.env import env_bool, env_int, env_str

PR_SET_PDEATHSIG = 1
STOP_TIMEOUT_SECONDS = 30.0


def _stop_with_parent() -> None:
    """In the child, before exec: receive SIGTERM when the parent dies (Linux)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    stop_signal: signal.Signals

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(self.stop_signal)


def start(name: str, args: list[str], stop_signal: signal.Signals) -> Child:
    process = subprocess.Popen(args, preexec_fn=_stop_with_parent, process_group=0)
    return Child(name, process, stop_signal)


def supervise(children: list[Child]) -> int:
    """Wait until a signal arrives or a child exits; stop them all; return the exit status."""
    stopping: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        exited = None
        while not stopping and exited is None:
            exited = next((c for c in children if c.process.poll() is not None), None)
            time.sleep(0.2)
        for child in children:
            child.stop()
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for child in children:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if stopping or exited is None:
        return 0
    return exited.process.returncode or 1


class Command(BaseCommand):
    help = (
        "Serve the portal: migrate the database, collect static files, load the demo on first "
        "start in demo mode (SATUDATA_DEMO=true), then run gunicorn on SATUDATA_HOST:SATUDATA_PORT "
        "with SATUDATA_WEB_WORKERS processes of SATUDATA_WEB_THREADS threads, and a job worker "
        "beside it unless SATUDATA_EMBEDDED_WORKER=false. Stops both on Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--host", default=env_str("HOST", "127.0.0.1"), help="address to listen on"
        )
        parser.add_argument(
            "--port", type=int, default=env_int("PORT", 8000), help="port to listen on"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("WEB_WORKERS", 2),
            help="gunicorn worker processes",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=env_int("WEB_THREADS", 4),
            help="threads per gunicorn worker",
        )
        parser.add_argument(
            "--no-job-worker",
            action="store_true",
            default=not env_bool("EMBEDDED_WORKER", True),
            help="do not start a job worker (run `satudata worker` elsewhere)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.prepare()
        children = [self._gunicorn(options)]
        if not options["no_job_worker"]:
            worker = [sys.executable, "-m", "satudata", "worker"]
            children.append(start("worker", worker, signal.SIGINT))
        self._greet(options)
        status = supervise(children)
        if status:
            raise CommandError(_("The server stopped unexpectedly."), returncode=status)

    def prepare(self) -> None:
        """Schema, static files, the base layers on the first start and, on the first start in
        demo mode, the demo."""
        from satudata.apps.geo.models import BaseLayer

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not BaseLayer.objects.exists():
            call_command("load_base_layers", stdout=self.stdout, stderr=self.stderr)
        if settings.DEMO:
            from satudata.apps.catalog.models import Dataset

            if not Dataset.objects.exists():
                call_command("load_demo", stdout=self.stdout, stderr=self.stderr)

    def _gunicorn(self, options: dict[str, Any]) -> Child:
        flags = {
            "--bind": f"{options['host']}:{options['port']}",
            "--workers": str(options["workers"]),
            "--worker-class": "gthread",
            "--threads": str(options["threads"]),
            "--access-logfile": "-",
            "--forwarded-allow-ips": "127.0.0.1",
        }
        args = [sys.executable, "-m", "gunicorn", "satudata.config.wsgi:application"]
        args += [part for pair in flags.items() for part in pair]
        if gunicorn.version_info >= (27,):
            # its control socket is one per user by default: two servers would share it
            args.append("--no-control-socket")
        return start("web", args, signal.SIGTERM)

    def _greet(self, options: dict[str, Any]) -> None:
        host = options["host"]
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(
            _("satudata is serving on http://%(address)s/ (Ctrl-C to stop)")
            % {"address": f"{shown}:{options['port']}"}
        )
        if settings.DEMO:
            from satudata.apps.demo.people import sign_in_help

            self.stdout.write(sign_in_help())
