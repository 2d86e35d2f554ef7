from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "satudata.apps.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from satudata.apps.portal import tasks  # noqa: F401  (periodic clean-up of query copies)
