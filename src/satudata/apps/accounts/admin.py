from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import ApiToken, Organisation, RoleGrant, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "kode_wilayah", "email")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class RoleInline(admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class SatuDataUserAdmin(UserAdmin):
    list_display = ("username", "full_name", "organisation", "email", "is_active")
    list_filter = ("is_active", "organisation__kind", "grants__role")
    search_fields = ("username", "full_name", "email", "organisation__name")
    inlines = [RoleInline]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Satu Data"), {"fields": ("organisation", "full_name", "phone")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
