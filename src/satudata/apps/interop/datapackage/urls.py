from django.urls import URLPattern, URLResolver, path

from satudata.apps.interop.datapackage import views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "dataset/<slug:slug>/datapackage.json",
        views.package_descriptor,
        name="datapackage_json",
    ),
    path("dataset/<slug:slug>/datapackage.zip", views.package_zip, name="datapackage_zip"),
]
