"""The helpdesk API: public data requests and FAQ, tickets for the allowed viewers only."""

import pytest
from django.test import Client

from satudata.apps.accounts.tokens import create_token
from satudata.apps.helpdesk.models import Article, DataRequest
from satudata.apps.helpdesk.tests.helpers import at, open_ticket, reply, submit_request
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return people()


def test_faq_api():
    Article.objects.create(
        slug="a", question="Cara unggah", answer="**x**", category="unggah", is_published=True
    )
    Article.objects.create(
        slug="b", question="Draf", answer="-", category="unggah", is_published=False
    )
    body = Client().get("/api/v1/faq?q=unggah").json()
    assert body["count"] == 1 and body["results"][0]["slug"] == "a"
    assert Client().get("/api/v1/faq?category=akses").json()["count"] == 0


def test_data_request_api(cast):
    item = submit_request()
    page = Client().get("/api/v1/data-requests?status=diterima").json()
    assert page["count"] == 1
    detail = page["results"][0]
    assert detail["requester"] == "S.N.P." and "email" not in detail and "name" not in detail
    assert Client().get("/api/v1/data-requests/999").json()["error"]["code"] == "not_found"
    assert Client().get(f"/api/v1/data-requests/{item.pk}").status_code == 200


def test_ticket_api_for_each_role(cast):
    ticket = open_ticket(cast["produsen"], at(7, 9))
    reply(cast["walidata"], ticket, at(7, 10))
    assert Client().get("/api/v1/tickets").status_code == 401
    own = signed_in(cast["produsen"]).get("/api/v1/tickets").json()
    assert own["count"] == 1 and own["results"][0]["first_response"]["seconds"] == 3600
    assert signed_in(cast["stranger"]).get("/api/v1/tickets").json()["count"] == 0
    assert signed_in(cast["pembina"]).get("/api/v1/tickets").json()["count"] == 0
    url = f"/api/v1/tickets/{ticket.pk}"
    assert signed_in(cast["stranger"]).get(url).status_code == 404
    assert signed_in(cast["pembina"]).get(url).status_code == 404
    detail = signed_in(cast["walidata"]).get(url).json()
    assert [m["kind"] for m in detail["messages"]] == ["reply"]
    assert detail["messages"][0]["from_walidata"] is True
    _token, raw = create_token(cast["produsen"], name="SIMPUS")
    by_token = Client().get(url, headers={"authorization": f"Bearer {raw}"})
    assert by_token.status_code == 200 and by_token.json()["id"] == ticket.pk


def test_the_data_request_list_reads_the_linked_datasets_in_one_query(
    cast, django_assert_max_num_queries
):
    for n in range(6):
        item = submit_request(title=f"Permintaan {n}")
        dataset = make_dataset(cast["org"], title=f"Data-Terbuka-{n}")
        DataRequest.objects.filter(pk=item.pk).update(status="dipenuhi", dataset=dataset)
    hidden = make_dataset(cast["org"], access_level="terbatas", title="Data-Terbatas-Y")
    DataRequest.objects.filter(pk=item.pk).update(dataset=hidden)
    with django_assert_max_num_queries(3):
        page = Client().get("/api/v1/data-requests?limit=100").json()
    linked = {row["dataset"] for row in page["results"]}
    assert len(linked - {None}) == 5 and hidden.slug not in linked
    assert "Data-Terbatas-Y" not in str(page)
