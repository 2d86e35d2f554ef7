from django.urls import path

from satudata.apps.monitoring import usage_views, views
from satudata.apps.portal import formats  # noqa: F401 (registers the <datafmt:…> converter)

app_name = "monitoring"

urlpatterns = [
    path("pantau/", views.progress, name="progress"),
    path("audit/", views.audit_log, name="audit"),
    path("pemakaian/", usage_views.usage, name="usage"),
    path("pemakaian/dataset.<datafmt:fmt>", usage_views.usage_datasets, name="usage_datasets"),
    path(
        "pemakaian/organisasi.<datafmt:fmt>",
        usage_views.usage_organisations,
        name="usage_organisations",
    ),
]
