import pytest
from django.test import Client

from satudata.apps.standards import actions
from satudata.engines.standards import StandardField
from satudata.engines.tabular import FieldType
from satudata.platform.testing.factories import make_org, make_user

FIELDS = (
    StandardField("kode_kelurahan", title="Kode Kelurahan", required=True, unique=True),
    StandardField(
        "jumlah", FieldType.INTEGER, title="Jumlah", required=True, minimum=0, maximum=1000
    ),
    StandardField("jenis_kelamin", title="Jenis Kelamin", enum=("L", "P")),
    StandardField("telepon", title="Telepon", pattern=r"0\d{9,12}"),
)


@pytest.fixture
def people(db):
    pembina_org = make_org("pembina", name="BPS Kota")
    opd = make_org("opd")
    return {
        "pembina": make_user(pembina_org, "pembina"),
        "other_pembina": make_user(make_org("pembina"), "pembina"),
        "walidata": make_user(make_org("walidata"), "walidata"),
        "produsen": make_user(opd, "produsen"),
        "opd": opd,
    }


@pytest.fixture
def published(people):
    version = actions.check_create_standard(
        user=people["pembina"],
        slug="penduduk",
        title="Penduduk per kelurahan",
        texts={"konsep": "Penduduk", "satuan": "jiwa"},
        fields=FIELDS,
    )
    actions.check_publish_version(user=people["pembina"], version=version)
    version.refresh_from_db()
    return version


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
