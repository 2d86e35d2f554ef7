from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestConfig(AppConfig):
    name = "satudata.apps.harvest"
    label = "harvest"
    verbose_name = _("Harvesting")

    def ready(self) -> None:
        from satudata.apps.harvest import jobs, tasks  # noqa: F401  (job handler, periodic task)
