from django.urls import path

from satudata.apps.epss import views, views_analysis, views_public, views_worksheet

app_name = "epss"

urlpatterns = [
    path("epss/", views_public.public_index, name="public"),
    path("epss/<int:year>/", views_public.public_year, name="public_year"),
    path("kerja/epss/", views.years, name="years"),
    path("kerja/epss/tahun/baru/", views.year_open, name="year_open"),
    path("kerja/epss/<int:year>/", views.year_detail, name="year"),
    path("kerja/epss/<int:year>/mulai/", views.start, name="start"),
    path("kerja/epss/<int:year>/bobot/", views.weights, name="weights"),
    path("kerja/epss/<int:year>/terbitkan/", views.publish, name="publish"),
    path("kerja/epss/penilaian/<int:pk>/", views_worksheet.worksheet, name="worksheet"),
    path(
        "kerja/epss/penilaian/<int:pk>/indikator/<str:code>/",
        views_worksheet.score_save,
        name="score",
    ),
    path(
        "kerja/epss/penilaian/<int:pk>/indikator/<str:code>/bukti/",
        views_worksheet.evidence_add,
        name="evidence_add",
    ),
    path("kerja/epss/penilaian/<int:pk>/usulan/", views_worksheet.refresh, name="refresh"),
    path("kerja/epss/penilaian/<int:pk>/final/", views_worksheet.finalise, name="finalise"),
    path("kerja/epss/penilaian/<int:pk>/ekspor.xlsx", views_worksheet.export, name="export"),
    path("kerja/epss/penilaian/<int:pk>/simulasi/", views_analysis.what_if, name="what_if"),
    path("kerja/epss/penilaian/<int:pk>/banding/", views_analysis.compare, name="compare"),
    path("kerja/epss/bukti/<int:pk>/", views_worksheet.evidence_file, name="evidence"),
    path(
        "kerja/epss/bukti/<int:pk>/hapus/", views_worksheet.evidence_remove, name="evidence_remove"
    ),
]
