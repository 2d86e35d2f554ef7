"""The query functions other apps call, and the register access rules."""

import pytest

from satudata.apps.codelists import permissions, queries
from satudata.apps.codelists.models import CodeList, CodeListVersion
from satudata.apps.codelists.tests.helpers import add_entry, make_code_list, make_register
from satudata.platform.access import ANONYMOUS, viewer_for
from satudata.platform.testing.factories import make_org, make_user

pytestmark = pytest.mark.django_db


def test_codes_of_latest_or_given_version_and_unknowns():
    code_list = make_code_list("warna", {"M": "Merah"})
    CodeListVersion.objects.create(code_list=code_list, number=2)
    assert queries.codes_of("warna") == {"M": "Merah"}
    assert queries.codes_of("warna", version=1) == {"M": "Merah"}
    with pytest.raises(LookupError):
        queries.codes_of("warna", version=2)
    with pytest.raises(LookupError):
        queries.codes_of("tidak-ada")


def test_published_lists_leave_out_lists_in_draft():
    make_code_list("terbit")
    draft_only = CodeList.objects.create(slug="draf", name="Draf")
    CodeListVersion.objects.create(code_list=draft_only, number=1)
    slugs = set(queries.published_lists().values_list("slug", flat=True))
    assert "terbit" in slugs and "draf" not in slugs
    assert "jenis-kelamin" in slugs


@pytest.fixture
def registers():
    owner = make_org("opd")
    made = {level: make_register(owner, level) for level in ("terbuka", "terbatas", "tertutup")}
    for register in made.values():
        add_entry(register, "20600001", f"Sekolah {register.access_level}")
    return owner, made


def test_register_visibility_mirrors_the_dataset_rules(registers):
    owner, _made = registers
    viewers = {
        "anonymous": ANONYMOUS,
        "other_opd": viewer_for(make_user(make_org("opd"), "produsen")),
        "partner": viewer_for(make_user(make_org("partner"))),
        "citizen": viewer_for(make_user(None)),
        "owner": viewer_for(make_user(owner, "produsen")),
        "walidata": viewer_for(make_user(make_org("walidata"), "walidata")),
    }
    expected = {
        "anonymous": {"terbuka"},
        "citizen": {"terbuka"},
        "other_opd": {"terbuka", "terbatas"},
        "partner": {"terbuka", "terbatas"},
        "owner": {"terbuka", "terbatas", "tertutup"},
        "walidata": {"terbuka", "terbatas", "tertutup"},
    }
    for name, viewer in viewers.items():
        seen = set(permissions.visible_registers(viewer).values_list("access_level", flat=True))
        assert seen == expected[name], name


def test_register_identifiers_respect_the_viewer(registers):
    owner, _made = registers
    assert queries.register_identifiers("register-terbuka") == {"20600001"}
    with pytest.raises(LookupError):
        queries.register_identifiers("register-terbatas")
    with pytest.raises(LookupError):
        queries.register_identifiers("register-tertutup", viewer_for(make_user(make_org("opd"))))
    owner_viewer = viewer_for(make_user(owner, "produsen"))
    assert queries.register_identifiers("register-tertutup", owner_viewer) == {"20600001"}
    with pytest.raises(LookupError):
        queries.register_identifiers("tidak-ada")


def test_code_rows_follow_the_hierarchy():
    rows = queries.code_rows(queries.published_version("urusan-pemerintahan"))
    codes = [r["code"] for r in rows]
    assert codes[:3] == ["1", "1.01", "1.02"]
    assert codes.index("2") == codes.index("1.06") + 1
    assert rows[1]["level"] == 1 and rows[1]["parent"] == "1"


def test_search_entries_by_text_and_area():
    register = make_register(make_org("opd"))
    add_entry(register, "20600001", "SD Negeri Sukarasa 1", kode_wilayah_id="36.71.01.1001")
    add_entry(register, "20600002", "SD Negeri Cipondoh 3", kode_wilayah_id="36.71.05.1001")
    found = queries.search_entries
    assert [e.identifier for e in found(register, q="cipondoh")] == ["20600002"]
    assert [e.identifier for e in found(register, q="0001")] == ["20600001"]
    assert [e.identifier for e in found(register, kode_wilayah="36.71.01")] == ["20600001"]
    assert [e.identifier for e in found(register, kode_wilayah="36.71.05.1001")] == ["20600002"]
    assert found(register, kode_wilayah="36.71.0").count() == 0
