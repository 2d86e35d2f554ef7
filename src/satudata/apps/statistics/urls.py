from django.urls import path

from satudata.apps.statistics import views_gsbpm, views_io, views_public, views_work

app_name = "statistics"

W = "kerja/statistik/"
K = W + "kegiatan/<slug:slug>/"

urlpatterns = [
    path("statistik/kegiatan/", views_public.public_list, name="public_list"),
    path("statistik/kegiatan/<slug:slug>.json", views_public.public_json, name="public_json"),
    path("statistik/kegiatan/<slug:slug>/", views_public.public_detail, name="public_detail"),
    path(W, views_work.work_list, name="work_list"),
    path(W + "papan/", views_work.board, name="board"),
    path(W + "baru/", views_work.kegiatan_edit, name="create"),
    path(W + "impor/", views_io.import_view, name="import"),
    path(W + "ekspor.xlsx", views_io.export_xlsx, name="export_xlsx"),
    path(W + "ekspor.json", views_io.export_json, name="export_json"),
    path(K, views_work.work_detail, name="detail"),
    path(K + "ubah/", views_work.kegiatan_edit, name="edit"),
    path(K + "hapus/", views_work.kegiatan_delete, name="delete"),
    path(K + "romantik/", views_work.romantik, name="romantik"),
    path(K + "dataset/", views_work.link_dataset, name="link_dataset"),
    path(K + "dataset/<int:pk>/hapus/", views_work.unlink_dataset, name="unlink_dataset"),
    path(K + "gsbpm/<str:code>/", views_gsbpm.proses_edit, name="proses"),
    path(K + "bukti/<int:pk>/", views_gsbpm.bukti_download, name="bukti"),
    path(K + "bukti/<int:pk>/hapus/", views_gsbpm.bukti_remove, name="bukti_remove"),
    path(
        K + "variabel/baru/",
        views_work.entry_edit,
        {"kind": "variabel"},
        name="variabel_create",
    ),
    path(
        K + "variabel/<int:pk>/",
        views_work.entry_edit,
        {"kind": "variabel"},
        name="variabel_edit",
    ),
    path(
        K + "variabel/<int:pk>/hapus/",
        views_work.entry_delete,
        {"kind": "variabel"},
        name="variabel_delete",
    ),
    path(
        K + "indikator/baru/",
        views_work.entry_edit,
        {"kind": "indikator"},
        name="indikator_create",
    ),
    path(
        K + "indikator/<int:pk>/",
        views_work.entry_edit,
        {"kind": "indikator"},
        name="indikator_edit",
    ),
    path(
        K + "indikator/<int:pk>/hapus/",
        views_work.entry_delete,
        {"kind": "indikator"},
        name="indikator_delete",
    ),
]
