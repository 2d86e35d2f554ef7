from django.urls import path, register_converter

from satudata.apps.portal import formats  # noqa: F401 (registers the <datafmt:…> converter)
from satudata.apps.portal.exports import ALL_FORMATS
from satudata.apps.portal.views import datasets, directory, explorer, files, home, versions


class FormatConverter:
    regex = "|".join(ALL_FORMATS)

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
    path("dataset.<datafmt:fmt>", datasets.dataset_list, name="dataset_list_data"),
    path("dataset/<slug:slug>/", datasets.dataset_detail, name="dataset"),
    path("dataset/<slug:slug>.<datafmt:fmt>", datasets.dataset_detail, name="dataset_data"),
    path("dataset/<slug:slug>/versi/<int:number>/", versions.version_detail, name="version"),
    path(
        "dataset/<slug:slug>/versi/<int:number>.<datafmt:fmt>",
        versions.version_detail,
        name="version_data",
    ),
    path(
        "dataset/<slug:slug>/versi/<int:number>/unduh.<format:fmt>",
        files.download,
        name="download",
    ),
    path("dataset/<slug:slug>/versi/<int:number>/sumber/", files.source, name="source"),
    path("dataset/<slug:slug>/versi/<int:number>/jelajah/", explorer.explore, name="explore"),
    path(
        "dataset/<slug:slug>/versi/<int:number>/jelajah/unduh.<format:fmt>",
        explorer.download,
        name="explore_download",
    ),
    path("dataset/<slug:slug>/lampiran/<int:pk>/", files.attachment, name="attachment"),
    path("organisasi/", directory.organisation_list, name="organisation_list"),
    path("organisasi.<datafmt:fmt>", directory.organisation_list, name="organisation_list_data"),
    path("organisasi/<slug:slug>/", directory.organisation_detail, name="organisation"),
    path(
        "organisasi/<slug:slug>.<datafmt:fmt>",
        directory.organisation_detail,
        name="organisation_data",
    ),
    path("topik/", directory.topic_list, name="topic_list"),
    path("topik.<datafmt:fmt>", directory.topic_list, name="topic_list_data"),
    path("topik/<slug:slug>/", directory.topic_detail, name="topic"),
    path("topik/<slug:slug>.<datafmt:fmt>", directory.topic_detail, name="topic_data"),
]
