from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from satudata.apps.codelists.models import Code, CodeList, CodeListVersion, Register, RegisterEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the pages (actions with audit); the admin only shows."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CodeList)
class CodeListAdmin(ReadOnlyAdmin):
    list_display = ("slug", "name", "owner", "created_at")
    search_fields = ("slug", "name", "source")


@admin.register(CodeListVersion)
class CodeListVersionAdmin(ReadOnlyAdmin):
    list_display = ("code_list", "number", "state", "valid_from", "valid_to", "published_at")
    list_filter = ("state",)


@admin.register(Code)
class CodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "label_id", "label_en", "version", "parent")
    search_fields = ("code", "label_id", "label_en")
    raw_id_fields = ("version", "parent")


@admin.register(Register)
class RegisterAdmin(ReadOnlyAdmin):
    list_display = ("slug", "name", "identifier_label", "owner", "access_level")
    list_filter = ("access_level",)
    search_fields = ("slug", "name")


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ("identifier", "name", "register", "kode_wilayah", "active", "updated_at")
    list_filter = ("register", "active")
    search_fields = ("identifier", "name")
    raw_id_fields = ("register", "kode_wilayah")
