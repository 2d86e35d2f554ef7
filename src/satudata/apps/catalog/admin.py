"""Admin pages for the system administrator. Versions and the workflow timeline are read-only
here: they change only through the portal's actions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from satudata.apps.catalog.models import Attachment, Dataset, Topic, Transition, Upload, Version


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "access_level", "state", "data_updated_at")
    list_filter = ("access_level", "state", "organisation", "topic", "level_penyajian")
    search_fields = ("title", "slug", "description")
    readonly_fields = ("state", "published_version", "candidate_version", "created_by")
    raw_id_fields = ("cakupan_wilayah",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = ("dataset", "number", "rows", "source_name", "uploaded_by", "created_at")
    search_fields = ("dataset__title", "source_name", "checksum")


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("dataset", "kind", "from_state", "to_state", "actor", "at")
    list_filter = ("kind",)


@admin.register(Upload)
class UploadAdmin(ReadOnlyAdmin):
    list_display = ("source_name", "dataset", "status", "uploaded_by", "created_at")
    list_filter = ("status",)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("title", "dataset", "kind", "access_level", "added_at")
