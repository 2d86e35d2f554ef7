from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsistencyConfig(AppConfig):
    name = "satudata.apps.consistency"
    label = "consistency"
    verbose_name = _("Consistency across organisations")

    def ready(self) -> None:
        from satudata.apps.catalog import checks
        from satudata.apps.catalog.signals import version_published
        from satudata.apps.consistency import checks as consistency_checks
        from satudata.apps.consistency import receivers

        version_published.connect(
            receivers.recompute_on_publish, dispatch_uid="consistency.recompute_on_publish"
        )
        checks.register(consistency_checks.consistency_check)
