from pathlib import Path
from typing import Any

import pytest

from satudata.apps.bigdata import actions
from satudata.apps.bigdata.models import Run, Source
from satudata.apps.portal.tests.helpers import people
from satudata.platform.testing.factories import make_org, make_user

MAPPING = {"text": "isi", "time": "waktu", "author": "akun", "id": "no"}
ROWS = [
    (
        "1",
        "Jalan rusak parah di kelurahan Sukasari, hubungi 081234567890",
        "2025-03-03 08:00",
        "@warga1",
    ),
    (
        "2",
        "Banjir lagi di kecamatan Periuk, saluran mampet tidak diperbaiki",
        "2025-03-04 09:00",
        "@warga2",
    ),
    (
        "3",
        "Pelayanan adminduk di kecamatan Cibodas sangat cepat dan bagus, terima kasih",
        "2025-03-05 10:00",
        "@warga3",
    ),
    (
        "4",
        "Banjir lagi di kecamatan Periuk, saluran mampet tidak diperbaiki",
        "2025-03-06 11:00",
        "@warga4",
    ),
    (
        "5",
        "Sampah menumpuk di pasar, bau sekali. email saya warga@contoh.id",
        "2025-04-01 07:30",
        "@warga5",
    ),
]


def export(folder: Path, rows: list[tuple[str, ...]] = ROWS, name: str = "lapor.csv") -> Path:
    path = folder / name
    lines = ["no,isi,waktu,akun"] + [",".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def team(db) -> dict[str, Any]:
    who = people()
    diskominfo = who["walidata"].organisation
    who["analyst"] = make_user(diskominfo, "produsen")
    who["outsider"] = make_user(make_org("opd"), "produsen")
    return who


@pytest.fixture
def source(team) -> Source:
    return actions.check_save_source(
        user=team["walidata"], name="SP4N-LAPOR!", channel="lapor", mapping=MAPPING
    )


def analyse(user: Any, source: Source, path: Path, capture: Any) -> Run:
    with capture(execute=True):
        run = actions.check_start_run(user=user, source=source, file=path, original_name=path.name)
    run.refresh_from_db()
    return run
