from django.urls import path

from satudata.apps.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("pantau/", views.progress, name="progress"),
    path("audit/", views.audit_log, name="audit"),
]
