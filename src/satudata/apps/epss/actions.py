"""Every write of the EPSS module: years and weights, assessments, levels, evidence, publishing."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.epss import proposals, queries, reference
from satudata.apps.epss.models import Assessment, AssessmentYear, Evidence, Score, Weight
from satudata.engines.stats import epss
from satudata.platform import access, access_epss, audit, storage

MIN_YEAR, MAX_YEAR = 2018, 2100
MAX_WEIGHT = Decimal("1000")


def _viewer(user: Any) -> access.Viewer:
    return access.viewer_for(user)


@transaction.atomic
def do_open_year(*, user: Any, year: int, ip: str = "") -> AssessmentYear:
    """A new year whose weights start as a copy of the defaults."""
    opened = AssessmentYear.objects.create(year=year)
    Weight.objects.bulk_create(
        Weight(year=opened, kind=w.kind, code=w.code, weight=w.weight)
        for w in Weight.objects.filter(year__isnull=True)
    )
    audit.record("epss.year.open", actor=user, obj=opened, ip=ip)
    return opened


def check_open_year(*, user: Any, year: int, ip: str = "") -> AssessmentYear:
    if not access_epss.can_manage_years(_viewer(user)):
        raise NotAllowed(_("Only the walidata opens an EPSS year."))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ActionError(
            _("The year %(year)s is outside %(min)s–%(max)s: enter the assessment year.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    if AssessmentYear.objects.filter(year=year).exists():
        raise ActionError(
            _("EPSS %(year)s is already open: choose it in the list.") % {"year": year}
        )
    return do_open_year(user=user, year=year, ip=ip)


@transaction.atomic
def do_refresh_proposals(*, assessment: Assessment, today: date) -> None:
    now = timezone.now()
    for code, proposal in proposals.proposals_for(assessment.organisation_id, today).items():
        assessment.scores.filter(code=code).update(
            proposed_level=proposal["level"], proposal=proposal["figures"], proposed_at=now
        )


def check_refresh_proposals(*, user: Any, assessment: Assessment, today: date) -> None:
    if not access_epss.can_fill(_viewer(user), assessment):
        raise NotAllowed(_("You may not change this assessment."))
    do_refresh_proposals(assessment=assessment, today=today)


@transaction.atomic
def do_start_assessment(
    *, user: Any, year: AssessmentYear, organisation: Any, today: date, ip: str = ""
) -> Assessment:
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(year=year, organisation=organisation)
    except IntegrityError as exc:
        raise ActionError(
            _("The EPSS %(year)s self-assessment of %(who)s already exists: open it in the list.")
            % {"year": year.year, "who": organisation or _("the city")}
        ) from exc
    Score.objects.bulk_create(
        Score(assessment=assessment, code=code) for code in reference.catalogue().indicators
    )
    do_refresh_proposals(assessment=assessment, today=today)
    audit.record("epss.assessment.start", actor=user, obj=assessment, ip=ip)
    return assessment


def check_start_assessment(
    *, user: Any, year: AssessmentYear, organisation: Any, today: date, ip: str = ""
) -> Assessment:
    organisation_id = organisation.pk if organisation is not None else None
    if not access_epss.can_start(_viewer(user), organisation_id):
        raise NotAllowed(
            _("Only the walidata starts the city's assessment, and OPD staff their own OPD's.")
        )
    if year.is_published:
        raise ActionError(
            _("EPSS %(year)s is published: no new assessments can start.") % {"year": year.year}
        )
    return do_start_assessment(user=user, year=year, organisation=organisation, today=today, ip=ip)


def _editable(user: Any, assessment: Assessment) -> None:
    viewer = _viewer(user)
    if not access_epss.can_fill(viewer, assessment):
        if assessment.is_final and access_epss.can_finalise(viewer, assessment):
            raise ActionError(_("This assessment is final: reopen it to change it."))
        raise NotAllowed(_("You may not change this assessment."))


def _score(assessment: Assessment, code: str) -> Score:
    score = assessment.scores.filter(code=code).first()
    if score is None:
        raise ActionError(
            _("Indicator %(code)s is not one of the 38 EPSS indicators.") % {"code": code}
        )
    return score


@transaction.atomic
def check_set_level(
    *, user: Any, assessment: Assessment, code: str, level: int | None, notes: str, ip: str = ""
) -> Score:
    """The level people confirm (or override the proposal with) and their notes."""
    _editable(user, assessment)
    score = _score(assessment, code)
    if level is not None and level not in epss.LEVELS:
        raise ActionError(
            _("Indicator %(code)s: level %(level)s is not 1 to 5.") % {"code": code, "level": level}
        )
    before = score.level
    score.level = level
    score.notes = notes
    score.confirmed_by = user if level is not None else None
    score.confirmed_at = timezone.now() if level is not None else None
    score.save()
    assessment.save(update_fields=["updated_at"])
    audit.record(
        "epss.level.set",
        actor=user,
        obj=assessment,
        detail={
            "indicator": code,
            "from": before,
            "to": level,
            "proposed": score.proposed_level,
        },
        ip=ip,
    )
    return score


@transaction.atomic
def check_add_evidence(
    *,
    user: Any,
    assessment: Assessment,
    code: str,
    title: str,
    file: Path | None = None,
    file_name: str = "",
    media_type: str = "",
    url: str = "",
    ip: str = "",
) -> Evidence:
    _editable(user, assessment)
    score = _score(assessment, code)
    if (file is None) == (not url):
        raise ActionError(_("Attach either a document or a link (one of the two)."))
    evidence = Evidence(score=score, title=title, added_by=user)
    if file is not None:
        stored = storage.store_copy(file, "epss", Path(file_name).suffix.lower())
        evidence.file_path = storage.relative(stored)
        evidence.file_name = file_name
        evidence.media_type = media_type
        evidence.size = stored.stat().st_size
    else:
        evidence.url = url
    evidence.save()
    audit.record("epss.evidence.add", actor=user, obj=evidence, detail={"indicator": code}, ip=ip)
    return evidence


@transaction.atomic
def check_remove_evidence(*, user: Any, evidence: Evidence, ip: str = "") -> None:
    _editable(user, evidence.score.assessment)
    audit.record(
        "epss.evidence.remove",
        actor=user,
        obj=evidence,
        detail={"indicator": evidence.score.code},
        ip=ip,
    )
    evidence.delete()


@transaction.atomic
def do_finalise(*, user: Any, assessment: Assessment, final: bool, ip: str = "") -> Assessment:
    assessment.status = Assessment.Status.FINAL if final else Assessment.Status.DRAFT
    assessment.finalised_at = timezone.now() if final else None
    assessment.finalised_by = user if final else None
    assessment.save()
    audit.record(
        "epss.assessment.final" if final else "epss.assessment.reopen",
        actor=user,
        obj=assessment,
        ip=ip,
    )
    return assessment


def check_finalise(*, user: Any, assessment: Assessment, final: bool, ip: str = "") -> Assessment:
    if not access_epss.can_finalise(_viewer(user), assessment):
        raise NotAllowed(_("You may not change this assessment."))
    if final:
        missing = [c for c, level in queries.levels_of(assessment).items() if level is None]
        if missing:
            raise ActionError(
                _(
                    "%(count)s indicators have no level yet (%(codes)s): give each a level "
                    "1–5 before you mark the assessment final."
                )
                % {"count": len(missing), "codes": ", ".join(sorted(missing))}
            )
    elif assessment.is_city and assessment.year.is_published:
        raise ActionError(
            _("EPSS %(year)s is published: withdraw the publication before you reopen it.")
            % {"year": assessment.year.year}
        )
    return do_finalise(user=user, assessment=assessment, final=final, ip=ip)


@transaction.atomic
def check_set_weights(
    *, user: Any, year: AssessmentYear, values: dict[tuple[str, str], Decimal], ip: str = ""
) -> None:
    """New weights of a year; every group keeps at least one positive weight."""
    if not access_epss.can_manage_years(_viewer(user)):
        raise NotAllowed(_("Only the walidata edits the weights."))
    if year.is_published:
        raise ActionError(
            _("EPSS %(year)s is published: withdraw the publication before you change weights.")
            % {"year": year.year}
        )
    catalogue = reference.catalogue()
    for (kind, code), value in values.items():
        if code not in catalogue.codes(kind):
            raise ActionError(_("There is no %(kind)s %(code)s.") % {"kind": kind, "code": code})
        if not Decimal(0) <= value <= MAX_WEIGHT:
            raise ActionError(
                _("The weight of %(kind)s %(code)s is %(value)s: use a number from 0 to 1000.")
                % {"kind": kind, "code": code, "value": value}
            )
    current = {(k, c): Decimal(str(w)) for k, c, w in queries.weight_rows(year)}
    merged = {**current, **values}
    problems = epss.weight_problems(
        catalogue, epss.weights_from_rows((k, c, float(w)) for (k, c), w in merged.items())
    )
    if problems:
        kind, code = problems[0]
        raise ActionError(
            _(
                "Every weight of the %(kind)s level under %(code)s is zero: at least one must "
                "be above zero, or the average cannot be computed."
            )
            % {"kind": kind, "code": code or _("the IPS")}
        )
    changed = {
        f"{kind} {code}": f"{current.get((kind, code))} → {value}"
        for (kind, code), value in merged.items()
        if current.get((kind, code)) != value
    }
    year.weights.all().delete()
    Weight.objects.bulk_create(
        Weight(year=year, kind=kind, code=code, weight=value)
        for (kind, code), value in merged.items()
    )
    audit.record("epss.weights.set", actor=user, obj=year, detail={"changed": changed}, ip=ip)


@transaction.atomic
def check_publish_year(*, user: Any, year: AssessmentYear, publish: bool, ip: str = "") -> None:
    if not access_epss.can_manage_years(_viewer(user)):
        raise NotAllowed(_("Only the walidata publishes an EPSS result."))
    if publish:
        city = queries.city_assessment(year)
        if city is None or not city.is_final:
            raise ActionError(
                _(
                    "The city's EPSS %(year)s assessment is not final: fill every indicator "
                    "and mark it final, then publish."
                )
                % {"year": year.year}
            )
    do_publish_year(user=user, year=year, publish=publish, ip=ip)


@transaction.atomic
def do_publish_year(*, user: Any, year: AssessmentYear, publish: bool, ip: str = "") -> None:
    year.published_at = timezone.now() if publish else None
    year.published_by = user if publish else None
    year.save()
    audit.record(
        "epss.year.publish" if publish else "epss.year.withdraw", actor=user, obj=year, ip=ip
    )
