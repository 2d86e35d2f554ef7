from django.urls import path

from satudata.apps.catalog.views import attachments, dashboard, datasets, files, uploads, workflow

app_name = "catalog"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("dataset/baru/", datasets.dataset_create, name="dataset_create"),
    path("dataset/<slug:slug>/ubah/", datasets.dataset_edit, name="dataset_edit"),
    path("dataset/<slug:slug>/unggah/", uploads.upload_create, name="upload"),
    path("dataset/<slug:slug>/templat.xlsx", files.template_xlsx, name="template"),
    path("dataset/<slug:slug>/lampiran/", attachments.attachments, name="attachments"),
    path(
        "dataset/<slug:slug>/lampiran/<int:pk>/hapus/",
        attachments.attachment_remove,
        name="attachment_remove",
    ),
    path("dataset/<slug:slug>/ajukan/", workflow.submit, name="submit"),
    path("dataset/<slug:slug>/versi/<int:number>/pulihkan/", workflow.rollback, name="rollback"),
    path("pemeriksaan/<slug:slug>/", workflow.review, name="review"),
    path("unggahan/<int:pk>/", uploads.upload_detail, name="upload_detail"),
    path("unggahan/<int:pk>/progres/", uploads.upload_progress, name="upload_progress"),
    path("unggahan/<int:pk>/simpan/", uploads.upload_accept, name="upload_accept"),
    path("unggahan/<int:pk>/buang/", uploads.upload_discard, name="upload_discard"),
    path("unggahan/<int:pk>/lembar/", uploads.upload_sheet, name="upload_sheet"),
    path("unggahan/<int:pk>/kolom/", uploads.upload_mapping, name="upload_mapping"),
    path("unggahan/<int:pk>/sistem-koordinat/", uploads.upload_crs, name="upload_crs"),
    path("unggahan/<int:pk>/laporan.xlsx", uploads.upload_report, name="upload_report"),
]
