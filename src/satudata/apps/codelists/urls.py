from django.urls import URLPattern, URLResolver, path, register_converter

from satudata.apps.codelists.exports import DownloadFormatConverter
from satudata.apps.codelists.views import public, work
from satudata.apps.portal import formats  # noqa: F401 (registers the <datafmt:…> converter)

register_converter(DownloadFormatConverter, "codefmt")

app_name = "codelists"
urlpatterns: list[URLPattern | URLResolver] = [
    path("kode/", public.code_list_index, name="code_list_index"),
    path("kode.<datafmt:fmt>", public.code_list_index, name="code_list_index_data"),
    path("kode/baru/", work.code_list_create, name="code_list_create"),
    path("kode/<slug:slug>/", public.code_list_detail, name="code_list"),
    path("kode/<slug:slug>.<datafmt:fmt>", public.code_list_detail, name="code_list_data"),
    path(
        "kode/<slug:slug>/unduh.<codefmt:fmt>",
        public.code_list_download,
        name="code_list_download",
    ),
    path("kode/<slug:slug>/impor/", work.code_list_import, name="code_list_import"),
    path(
        "kode/<slug:slug>/versi/<int:number>/terbitkan/",
        work.version_publish,
        name="version_publish",
    ),
    path(
        "kode/<slug:slug>/versi/<int:number>/buang/",
        work.version_discard,
        name="version_discard",
    ),
    path("data-induk/", public.register_index, name="register_index"),
    path("data-induk.<datafmt:fmt>", public.register_index, name="register_index_data"),
    path("data-induk/baru/", work.register_create, name="register_create"),
    path("data-induk/<slug:slug>/", public.register_detail, name="register"),
    path("data-induk/<slug:slug>.<datafmt:fmt>", public.register_detail, name="register_data"),
    path("data-induk/<slug:slug>/impor/", work.register_import, name="register_import"),
]
