from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "satudata.apps.standards"
    label = "standards"
    verbose_name = _("Data standards")

    def ready(self) -> None:
        from satudata.apps.catalog.checks import register
        from satudata.apps.standards import signals  # noqa: F401 (connects the receivers)
        from satudata.apps.standards.checks import standard_conformance

        register(standard_conformance)
