from django.urls import URLPattern, URLResolver, path

from satudata.apps.harvest import views

app_name = "harvest"
urlpatterns: list[URLPattern | URLResolver] = [
    path("panen/", views.source_list, name="sources"),
    path("panen/baru/", views.source_form, name="source_create"),
    path("panen/<int:pk>/", views.source_detail, name="source"),
    path("panen/<int:pk>/ubah/", views.source_form, name="source_edit"),
    path("panen/<int:pk>/panen/", views.source_harvest, name="source_harvest"),
    path("panen/<int:pk>/hapus/", views.source_delete, name="source_delete"),
    path("panen/jalan/<int:run_pk>/", views.run_detail, name="run"),
]
