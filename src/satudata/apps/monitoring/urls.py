from django.urls import path

from satudata.apps.monitoring import dashboard_views, planning_views, usage_views, views
from satudata.apps.portal import formats  # noqa: F401 (registers the <datafmt:…> converter)

app_name = "monitoring"

urlpatterns = [
    path("pantau/", views.progress, name="progress"),
    path("pantau/kinerja/", dashboard_views.dashboard_page, name="dashboard"),
    path("pantau/kinerja.<str:fmt>", dashboard_views.dashboard_report, name="dashboard_report"),
    path("pantau/opd/<slug:slug>/", dashboard_views.organisation_page, name="organisation"),
    path("pantau/mutu/<slug:slug>/", dashboard_views.dataset_quality, name="quality"),
    path("daftar-data/", planning_views.daftar_list, name="daftar_list"),
    path("daftar-data/<slug:slug>/<int:year>/", planning_views.daftar_page, name="daftar"),
    path(
        "daftar-data/<slug:slug>/<int:year>/setujui/",
        planning_views.daftar_approve,
        name="daftar_approve",
    ),
    path(
        "daftar-data/elemen/<int:pk>/hapus/", planning_views.element_delete, name="element_delete"
    ),
    path("prioritas/", planning_views.prioritas_page, name="prioritas"),
    path("prioritas/<int:pk>/cabut/", planning_views.prioritas_withdraw, name="prioritas_withdraw"),
    path("audit/", views.audit_log, name="audit"),
    path("pemakaian/", usage_views.usage, name="usage"),
    path("pemakaian/dataset.<datafmt:fmt>", usage_views.usage_datasets, name="usage_datasets"),
    path(
        "pemakaian/organisasi.<datafmt:fmt>",
        usage_views.usage_organisations,
        name="usage_organisations",
    ),
]
