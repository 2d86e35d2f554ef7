from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpssConfig(AppConfig):
    name = "satudata.apps.epss"
    label = "epss"
    verbose_name = _("EPSS self-assessment")
