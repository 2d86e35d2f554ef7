"""Every route of the statistics app, as every role, with a hidden kegiatan (not published)
and a published one holding a private variable and a link to a tertutup dataset: no 500, and
nothing private reaches a viewer outside the OPD, the walidata and the pembina."""

import pytest

from satudata.apps.portal.tests.helpers import english_client, signed_in
from satudata.apps.statistics import actions
from satudata.apps.statistics.tests.conftest import make_kegiatan
from satudata.apps.statistics.urls import urlpatterns
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db

MARKS = ("Variabel-Rahasia-5X", "Draf-Rahasia-K1", "Data-Tertutup-Q8")


def test_statistics_routes_leak_nothing(who, tmp_path):
    shown = make_kegiatan(who)
    hidden = make_kegiatan(who, published=False, judul="Draf-Rahasia-K1")
    closed = make_dataset(who["org"], title="Data-Tertutup-Q8", access_level="tertutup")
    link = actions.check_link_dataset(user=who["produsen"], kegiatan=shown, dataset=closed)
    source = tmp_path / "b.pdf"
    source.write_bytes(b"%PDF")
    bukti = actions.check_add_bukti(
        user=who["produsen"],
        kegiatan=shown,
        code="1.1",
        title="Bukti",
        file=source,
        file_name="b.pdf",
    )
    ids = [link.pk, bukti.pk, *shown.variabel.values_list("pk", flat=True)]
    routes = [str(p.pattern) for p in urlpatterns]
    routes += ["api/v1/statistik/kegiatan", "api/v1/statistik/kegiatan/<slug:slug>"]
    urls = []
    for route in routes:
        for slug in (shown.slug, hidden.slug):
            url = "/" + route.replace("<slug:slug>", slug).replace("<str:code>", "1.1")
            if "<int:pk>" in url:
                urls += [url.replace("<int:pk>", str(pk)) for pk in ids]
            else:
                urls.append(url)
    clients = {
        "anonymous": english_client(),
        **{role: signed_in(who[role]) for role in ("stranger", "partner")},
    }
    insiders = {role: signed_in(who[role]) for role in ("produsen", "walidata", "pembina")}
    assert len(set(urls)) > 30
    for url in sorted(set(urls)):
        for role, client in {**clients, **insiders}.items():
            response = client.get(url)
            assert response.status_code < 500, (role, url)
            if role in clients and not getattr(response, "streaming", False):
                body = response.content.decode(errors="ignore")
                for mark in MARKS:
                    assert mark not in body, (role, url, mark)
