import atexit

from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


class UsageConfig(AppConfig):
    name = "satudata.apps.usage"
    label = "usage"
    verbose_name = _("Usage")

    def ready(self) -> None:
        from satudata.apps.usage import actions

        request_finished.connect(actions.flush_if_due, dispatch_uid="satudata-usage-flush")
        atexit.register(actions.flush_quietly)
