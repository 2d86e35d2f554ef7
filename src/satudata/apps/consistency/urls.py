from django.urls import URLPattern, URLResolver, path

from satudata.apps.consistency import views

app_name = "consistency"
urlpatterns: list[URLPattern | URLResolver] = [
    path("konsistensi/<int:pk>/", views.public_detail, name="public_detail"),
    path("kerja/konsistensi/", views.work_list, name="work_list"),
    path("kerja/konsistensi/baru/", views.declare, name="declare"),
    path("kerja/konsistensi/<int:pk>/", views.work_detail, name="work_detail"),
    path("kerja/konsistensi/<int:pk>/jalankan/", views.run, name="run"),
    path("kerja/konsistensi/<int:pk>/pensiunkan/", views.retire, name="retire"),
]
