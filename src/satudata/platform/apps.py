from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlatformConfig(AppConfig):
    name = "satudata.platform"
    label = "platform"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from satudata.platform import dbstats

        post_migrate.connect(dbstats.after_migrate, sender=self)
