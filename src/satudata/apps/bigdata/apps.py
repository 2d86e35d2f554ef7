from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BigDataConfig(AppConfig):
    name = "satudata.apps.bigdata"
    label = "bigdata"
    verbose_name = _("Big Data")

    def ready(self) -> None:
        from satudata.apps.bigdata import actions, retrain  # noqa: F401  (job handlers)
