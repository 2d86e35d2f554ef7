from django.urls import path

from satudata.apps.indicators import views_public, views_work

app_name = "indicators"

P = "statistik/indikator/"
W = "kerja/statistik/indikator/"
D = W + "<slug:slug>/"

urlpatterns = [
    path(P, views_public.public_list, name="list"),
    path(P + "<slug:slug>.xlsx", views_public.public_xlsx, name="xlsx"),
    path(P + "<slug:slug>.<datafmt:fmt>", views_public.public_detail, name="data"),
    path(P + "<slug:slug>/", views_public.public_detail, name="detail"),
    path(W, views_work.work_list, name="work_list"),
    path(W + "baru/", views_work.indicator_edit, name="create"),
    path(W + "kolom/", views_work.columns, name="columns"),
    path(D, views_work.work_detail, name="work_detail"),
    path(D + "ubah/", views_work.indicator_edit, name="edit"),
    path(D + "hapus/", views_work.indicator_delete, name="delete"),
    path(D + "nilai/", views_work.values_enter, name="values"),
    path(D + "nilai/<int:pk>/hapus/", views_work.value_delete, name="value_delete"),
    path(D + "target/", views_work.target_save, name="target"),
    path(D + "target/<int:pk>/hapus/", views_work.target_delete, name="target_delete"),
    path(D + "hitung-ulang/", views_work.recompute, name="recompute"),
]
