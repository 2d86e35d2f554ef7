from django.urls import path, register_converter

from satudata.apps.portal.exports import FORMATS
from satudata.apps.portal.views import datasets, directory, files, home, versions


class FormatConverter:
    regex = "|".join(FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "format")

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("tentang/", home.about, name="about"),
    path("dataset/", datasets.dataset_list, name="dataset_list"),
    path("dataset/<slug:slug>/", datasets.dataset_detail, name="dataset"),
    path("dataset/<slug:slug>/versi/<int:number>/", versions.version_detail, name="version"),
    path(
        "dataset/<slug:slug>/versi/<int:number>/unduh.<format:fmt>",
        files.download,
        name="download",
    ),
    path("dataset/<slug:slug>/versi/<int:number>/sumber/", files.source, name="source"),
    path("dataset/<slug:slug>/lampiran/<int:pk>/", files.attachment, name="attachment"),
    path("organisasi/", directory.organisation_list, name="organisation_list"),
    path("organisasi/<slug:slug>/", directory.organisation_detail, name="organisation"),
    path("topik/<slug:slug>/", directory.topic_detail, name="topic"),
]
