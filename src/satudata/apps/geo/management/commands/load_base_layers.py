from typing import Any

from django.core.management.base import BaseCommand

from satudata.apps.geo.actions import do_load_base_layers


class Command(BaseCommand):
    help = "Build the base layers (Kota Tangerang kelurahan and kecamatan) from the boundaries."

    def handle(self, *args: Any, **options: Any) -> None:
        for layer in do_load_base_layers():
            self.stdout.write(f"{layer.slug}: {layer.features}")
