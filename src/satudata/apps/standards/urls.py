from django.urls import URLPattern, URLResolver, path

from satudata.apps.portal import formats  # noqa: F401 (registers the datafmt converter)
from satudata.apps.standards import views

app_name = "standards"
urlpatterns: list[URLPattern | URLResolver] = [
    path("standar/", views.standard_list, name="list"),
    path("standar.<datafmt:fmt>", views.standard_list, name="list_data"),
    path("standar/baru/", views.standard_create, name="create"),
    path("standar/impor/", views.import_schema, name="import"),
    path("standar/usul/", views.propose, name="propose"),
    path("standar/terapkan/<slug:slug>/", views.adopt, name="adopt"),
    path("standar/<slug:slug>/", views.standard_detail, name="detail"),
    path("standar/<slug:slug>.<datafmt:fmt>", views.standard_detail, name="detail_data"),
    path("standar/<slug:slug>/draf-baru/", views.new_draft, name="new_draft"),
    path("standar/<slug:slug>/v<int:number>/", views.version_detail, name="version"),
    path(
        "standar/<slug:slug>/v<int:number>.<datafmt:fmt>",
        views.version_detail,
        name="version_data",
    ),
    path(
        "standar/<slug:slug>/v<int:number>/tableschema.json",
        views.table_schema,
        name="tableschema",
    ),
    path("standar/<slug:slug>/v<int:number>/ubah/", views.draft_edit, name="edit"),
    path("standar/<slug:slug>/v<int:number>/terbitkan/", views.publish, name="publish"),
    path("standar/<slug:slug>/v<int:number>/pensiunkan/", views.retire, name="retire"),
    path(
        "standar/<slug:slug>/v<int:number>/konfirmasi-nilai/",
        views.confirm_withheld,
        name="confirm_withheld",
    ),
]
