from django.urls import path

from satudata.apps.bigdata import views, views_sources

app_name = "bigdata"

B = "kerja/bigdata/"

urlpatterns = [
    path(B, views.dashboard, name="dashboard"),
    path(B + "unggahan/", views.posts, name="posts"),
    path(B + "proses/<int:pk>/koreksi/", views.correct, name="correct"),
    path(B + "peringatan/", views.alerts, name="alerts"),
    path(B + "terbitkan/", views.publish_view, name="publish"),
    path(B + "model/", views.model, name="model"),
    path(B + "sumber/", views_sources.source_list, name="sources"),
    path(B + "sumber/<slug:slug>/", views_sources.source_detail, name="source"),
    path(B + "sumber/<slug:slug>/unggah/", views_sources.upload, name="upload"),
    path(B + "proses/<int:pk>/", views_sources.run_detail, name="run"),
]
