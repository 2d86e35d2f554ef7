from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "satudata.platform"
    label = "platform"
    verbose_name = "Platform"
