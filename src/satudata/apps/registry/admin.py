from django.contrib import admin

from satudata.apps.registry.models import Wilayah


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "level", "parent")
    list_filter = ("level",)
    search_fields = ("kode", "nama")
    raw_id_fields = ("parent",)
