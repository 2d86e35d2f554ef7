from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsistencyConfig(AppConfig):
    name = "satudata.apps.consistency"
    label = "consistency"
    verbose_name = _("Consistency across organisations")
