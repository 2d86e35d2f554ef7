from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "satudata.apps.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from satudata.apps.catalog.signals import version_published
        from satudata.apps.webhooks import tasks  # noqa: F401  (periodic retries)
        from satudata.apps.webhooks.jobs import on_version_published

        version_published.connect(on_version_published, dispatch_uid="webhooks.on_publish")
