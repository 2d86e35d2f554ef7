from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "satudata.apps.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from satudata.apps.catalog.signals import version_published
        from satudata.apps.monitoring import receivers, tasks  # noqa: F401  (nightly task)

        version_published.connect(receivers.on_publish, dispatch_uid="monitoring.on_publish")
