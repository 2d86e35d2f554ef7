from django.urls import include, path

app_name = "interop"
urlpatterns = [
    path("", include("satudata.apps.interop.ckan.urls")),
    path("", include("satudata.apps.interop.dcat.urls")),
    path("", include("satudata.apps.interop.datapackage.urls")),
]
