from django.urls import URLPattern, URLResolver, path

from satudata.apps.interop.ckan import views
from satudata.apps.interop.ckan.handlers import ACTIONS

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/3", views.api_version),
    path("api/3/", views.api_version, name="ckan_api"),
    *(path(f"api/3/action/{name}", views.action, {"name": name}) for name in ACTIONS),
    path("api/3/action/<str:name>", views.action, name="ckan_action"),
    path("api/action/<str:name>", views.action, name="ckan_action_unversioned"),
]
