"""GSBPM 5.1, the Generic Statistical Business Process Model: its 8 phases and 44 sub-processes
with their official English names, the statuses a sub-process of a kegiatan can have, and the
progress arithmetic (the share of applicable sub-processes that are done).

The names are wrapped in `gettext_noop` so that the translation tools find them; the caller
translates them when it shows them."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a name for the translation catalogue without translating it here."""
    return message


BELUM = "belum"
BERJALAN = "berjalan"
SELESAI = "selesai"
TIDAK_BERLAKU = "tidak_berlaku"
STATUSES = (BELUM, BERJALAN, SELESAI, TIDAK_BERLAKU)


@dataclass(frozen=True)
class SubProcess:
    code: str
    name: str

    @property
    def phase(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True)
class Phase:
    code: str
    name: str
    subprocesses: tuple[SubProcess, ...]


def _phase(code: str, name: str, *names: str) -> Phase:
    return Phase(
        code, name, tuple(SubProcess(f"{code}.{n}", sub) for n, sub in enumerate(names, 1))
    )


PHASES: tuple[Phase, ...] = (
    _phase(
        "1",
        gettext_noop("Specify needs"),
        gettext_noop("Identify needs"),
        gettext_noop("Consult and confirm needs"),
        gettext_noop("Establish output objectives"),
        gettext_noop("Identify concepts"),
        gettext_noop("Check data availability"),
        gettext_noop("Prepare and submit business case"),
    ),
    _phase(
        "2",
        gettext_noop("Design"),
        gettext_noop("Design outputs"),
        gettext_noop("Design variable descriptions"),
        gettext_noop("Design collection"),
        gettext_noop("Design frame and sample"),
        gettext_noop("Design processing and analysis"),
        gettext_noop("Design production systems and workflow"),
    ),
    _phase(
        "3",
        gettext_noop("Build"),
        gettext_noop("Reuse or build collection instruments"),
        gettext_noop("Reuse or build processing and analysis components"),
        gettext_noop("Reuse or build dissemination components"),
        gettext_noop("Configure workflows"),
        gettext_noop("Test production systems"),
        gettext_noop("Test statistical business process"),
        gettext_noop("Finalise production systems"),
    ),
    _phase(
        "4",
        gettext_noop("Collect"),
        gettext_noop("Create frame and select sample"),
        gettext_noop("Set up collection"),
        gettext_noop("Run collection"),
        gettext_noop("Finalise collection"),
    ),
    _phase(
        "5",
        gettext_noop("Process"),
        gettext_noop("Integrate data"),
        gettext_noop("Classify and code"),
        gettext_noop("Review and validate"),
        gettext_noop("Edit and impute"),
        gettext_noop("Derive new variables and units"),
        gettext_noop("Calculate weights"),
        gettext_noop("Calculate aggregates"),
        gettext_noop("Finalise data files"),
    ),
    _phase(
        "6",
        gettext_noop("Analyse"),
        gettext_noop("Prepare draft outputs"),
        gettext_noop("Validate outputs"),
        gettext_noop("Interpret and explain outputs"),
        gettext_noop("Apply disclosure control"),
        gettext_noop("Finalise outputs"),
    ),
    _phase(
        "7",
        gettext_noop("Disseminate"),
        gettext_noop("Update output systems"),
        gettext_noop("Produce dissemination products"),
        gettext_noop("Manage release of dissemination products"),
        gettext_noop("Promote dissemination products"),
        gettext_noop("Manage user support"),
    ),
    _phase(
        "8",
        gettext_noop("Evaluate"),
        gettext_noop("Gather evaluation inputs"),
        gettext_noop("Conduct evaluation"),
        gettext_noop("Agree an action plan"),
    ),
)
SUBPROCESSES: dict[str, SubProcess] = {s.code: s for p in PHASES for s in p.subprocesses}
PHASE_BY_CODE: dict[str, Phase] = {p.code: p for p in PHASES}


@dataclass(frozen=True)
class Progress:
    """Done and applicable sub-processes; `percent` is None when nothing applies."""

    done: int
    applicable: int
    running: int = 0

    @property
    def percent(self) -> int | None:
        if not self.applicable:
            return None
        return round(100 * self.done / self.applicable)

    def __add__(self, other: "Progress") -> "Progress":
        return Progress(
            self.done + other.done,
            self.applicable + other.applicable,
            self.running + other.running,
        )


def status_of(statuses: Mapping[str, str], code: str) -> str:
    """A sub-process nobody recorded yet has not started."""
    status = statuses.get(code, BELUM)
    return status if status in STATUSES else BELUM


def _count(statuses: Mapping[str, str], codes: Iterable[str]) -> Progress:
    found = [status_of(statuses, code) for code in codes]
    return Progress(
        done=sum(s == SELESAI for s in found),
        applicable=sum(s != TIDAK_BERLAKU for s in found),
        running=sum(s == BERJALAN for s in found),
    )


def progress(statuses: Mapping[str, str]) -> Progress:
    """The whole process of one kegiatan, from its sub-processes' statuses by code."""
    return _count(statuses, SUBPROCESSES)


def phase_progress(statuses: Mapping[str, str]) -> dict[str, Progress]:
    return {p.code: _count(statuses, (s.code for s in p.subprocesses)) for p in PHASES}


def total(progresses: Iterable[Progress]) -> Progress:
    """Several kegiatan together (e.g. an OPD): done over applicable of all of them."""
    result = Progress(0, 0)
    for item in progresses:
        result = result + item
    return result


def current_phase(statuses: Mapping[str, str]) -> str | None:
    """The first phase with an applicable sub-process not done yet; None when all are done."""
    for code, item in phase_progress(statuses).items():
        if item.done < item.applicable:
            return code
    return None
