"""`satudata import FOLDER --org SLUG`: every sheet file in a folder becomes a draft dataset of
the organisation, its first version uploaded and checked the way a produsen's upload is."""

import re
from argparse import ArgumentParser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from satudata.apps.accounts.models import Organisation, Role, User
from satudata.apps.catalog.actions.datasets import check_create_dataset
from satudata.apps.catalog.actions.uploads import check_accept_upload, check_start_upload
from satudata.apps.catalog.errors import ActionError
from satudata.apps.catalog.models import AccessLevel, Upload
from satudata.apps.catalog.models.choices import DEFAULT_LICENCE
from satudata.platform import storage
from satudata.platform.management.output import table
from satudata.platform.problems import problem_message

SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xls", ".ods"})
SMALL_WORDS = frozenset(
    {
        "dan",
        "di",
        "ke",
        "dari",
        "per",
        "yang",
        "untuk",
        "atau",
        "pada",
        "dengan",
        "menurut",
        "terhadap",
        "the",
        "of",
        "and",
        "by",
    }
)
SHOWN_PROBLEMS = 3


def tidy_title(stem: str) -> str:
    """`jumlah_penduduk_per_KECAMATAN_2024` -> `Jumlah Penduduk per KECAMATAN 2024`."""
    words = re.sub(r"[_\s]+", " ", stem).strip().split(" ")
    tidy = []
    for n, word in enumerate(words):
        if (word.isupper() and len(word) > 1) or any(c.isdigit() for c in word):
            tidy.append(word)
        elif n and word.lower() in SMALL_WORDS:
            tidy.append(word.lower())
        else:
            tidy.append(word[:1].upper() + word[1:].lower())
    return " ".join(tidy)[:250]


def problem_text(problem: dict[str, Any]) -> str:
    """An engine problem (as stored on the upload) in the reader's language, with its place."""
    place = [
        text % {"value": problem[key]}
        for key, text in (
            ("sheet", _("sheet %(value)s")),
            ("row", _("row %(value)s")),
            ("column", _("column %(value)s")),
        )
        if problem.get(key) not in (None, "")
    ]
    message = problem_message(problem)
    return f"{', '.join(place)}: {message}" if place else message


def refusal(upload: Upload) -> str:
    """Why an upload cannot become a version, from the engine's problems."""
    if upload.status == Upload.Status.FAILED:
        return problem_text(upload.error)
    errors = [p for p in upload.problems if p.get("severity", "error") == "error"]
    shown = "; ".join(problem_text(p) for p in errors[:SHOWN_PROBLEMS])
    return _("%(count)s error(s): %(first)s") % {"count": upload.error_count, "first": shown}


IMPORTED, SKIPPED, FAILED = "imported", "skipped", "failed"


@dataclass(frozen=True)
class Outcome:
    file: str
    status: str
    dataset: str = ""
    rows: int | None = None
    detail: str = ""

    @property
    def result(self) -> str:
        labels = {IMPORTED: _("imported"), SKIPPED: _("skipped"), FAILED: _("not imported")}
        return labels[self.status]


class Refused(Exception):
    def __init__(self, upload: Upload) -> None:
        super().__init__(refusal(upload))
        self.upload = upload


def _discard_files(upload: Upload) -> None:
    for rel in (upload.source_path, upload.staged_path, upload.report_path):
        if rel:
            storage.absolute(rel).unlink(missing_ok=True)


def import_file(path: Path, *, organisation: Organisation, user: User, access: str) -> Outcome:
    """One file -> one draft dataset with its first version; nothing is kept when it fails."""
    checksum = storage.sha256_file(path)
    earlier = (
        Upload.objects.filter(
            dataset__organisation=organisation,
            source_checksum=checksum,
            status=Upload.Status.ACCEPTED,
        )
        .select_related("dataset")
        .first()
    )
    if earlier is not None:
        return Outcome(path.name, SKIPPED, earlier.dataset.title, detail=_("already imported"))
    data = {
        "title": tidy_title(path.stem),
        "access_level": access,
        "licence": DEFAULT_LICENCE[AccessLevel(access)],
    }
    try:
        with transaction.atomic():
            dataset = check_create_dataset(user=user, organisation=organisation, data=data)
            upload = check_start_upload(
                user=user,
                dataset=dataset,
                file=path,
                original_name=path.name,
                note=_("Imported from the folder %(folder)s") % {"folder": path.parent.name},
                inline=True,
            )
            if upload.status != Upload.Status.READY:
                raise Refused(upload)
            version = check_accept_upload(user=user, upload=upload)
    except Refused as exc:
        _discard_files(exc.upload)
        return Outcome(path.name, FAILED, detail=str(exc))
    except ActionError as exc:
        return Outcome(path.name, FAILED, detail=exc.message)
    warnings = version.warnings.get("count", 0)
    detail = _("%(n)s warning(s)") % {"n": warnings} if warnings else ""
    return Outcome(path.name, IMPORTED, dataset.title, version.rows, detail)


class Command(BaseCommand):
    help = (
        "Import every CSV, TSV, XLSX, XLS and ODS file of a folder as a draft dataset of an "
        "organisation: the title comes from the file name, the first version is uploaded and "
        "checked like any upload. Files that cannot be read are skipped with the reason; files "
        "imported before (same content) are skipped."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--org", required=True, help="Slug of the organisation.")
        parser.add_argument(
            "--user",
            help="The account that imports (default: the organisation's first produsen).",
        )
        parser.add_argument(
            "--access",
            default=AccessLevel.TERBUKA,
            choices=AccessLevel.values,
            help="Access level of the new datasets (default terbuka).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": folder})
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise CommandError(
                _("No organisation with the slug “%(slug)s”.") % {"slug": options["org"]}
            )
        user = self._user(organisation, options["user"])
        files = sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
        )
        if not files:
            raise CommandError(_("No CSV, XLSX, XLS or ODS files in %(path)s.") % {"path": folder})
        outcomes = []
        for path in files:
            outcome = import_file(
                path, organisation=organisation, user=user, access=options["access"]
            )
            self.stdout.write(
                f"{outcome.file}: {outcome.result}"
                + (f" — {outcome.detail}" if outcome.detail else "")
            )
            outcomes.append(outcome)
        headers = [_("file"), _("result"), _("dataset"), _("rows"), _("detail")]
        self.stdout.write("")
        self.stdout.write(
            table(
                headers,
                [
                    (o.file, o.result, o.dataset, "" if o.rows is None else o.rows, o.detail[:80])
                    for o in outcomes
                ],
            )
        )
        failed = sum(1 for o in outcomes if o.status == FAILED)
        if failed:
            raise CommandError(
                _("%(failed)s of %(total)s files could not be imported.")
                % {"failed": failed, "total": len(outcomes)},
                returncode=1,
            )

    def _user(self, organisation: Organisation, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(_("No active user “%(name)s”.") % {"name": username})
            return user
        user = (
            User.objects.filter(
                organisation=organisation, is_active=True, grants__role=Role.PRODUSEN
            )
            .order_by("username")
            .first()
        )
        if user is None:
            raise CommandError(
                _("%(org)s has no produsen account: name the importing account with --user.")
                % {"org": organisation}
            )
        return user
