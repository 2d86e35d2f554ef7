from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "satudata.apps.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from satudata.apps.catalog.signals import version_published
        from satudata.apps.indicators import receivers

        version_published.connect(receivers.on_publish, dispatch_uid="indicators.on_publish")
