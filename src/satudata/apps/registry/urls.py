from django.urls import URLPattern, URLResolver, path, register_converter

from satudata.apps.portal import formats  # noqa: F401 (registers the <datafmt:…> converter)
from satudata.apps.registry import views


class KodeConverter:
    """`<kode:kode>`: a kode wilayah, PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD."""

    regex = r"\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KodeConverter, "kode")

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = [
    path("wilayah/", views.wilayah_list, name="wilayah_list"),
    path("wilayah.<datafmt:fmt>", views.wilayah_list, name="wilayah_list_data"),
    path("wilayah/cari/", views.wilayah_search, name="wilayah_search"),
    path("wilayah/cari.<datafmt:fmt>", views.wilayah_search, name="wilayah_search_data"),
    path("wilayah/<kode:kode>/", views.wilayah_detail, name="wilayah"),
    path("wilayah/<kode:kode>.<datafmt:fmt>", views.wilayah_detail, name="wilayah_data"),
]
