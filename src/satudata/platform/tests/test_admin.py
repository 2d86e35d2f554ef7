import pytest
from django.contrib import admin
from django.test import Client

from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db


def test_every_admin_list_and_change_page_opens_for_the_system_admin():
    org = make_org()
    dataset = make_dataset(org)
    superuser = make_user(org, is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        assert client.get(url).status_code == 200, url
        obj = model_admin.get_queryset(None).first() if model is not type(dataset) else dataset
        if obj is not None:
            assert client.get(f"{url}{obj.pk}/change/").status_code == 200, url


def test_admin_is_closed_to_produsen():
    user = make_user(make_org(), "produsen")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/catalog/dataset/").status_code == 302
