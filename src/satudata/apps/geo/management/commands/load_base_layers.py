from typing import Any

from django.core.management.base import BaseCommand

from satudata.apps.geo.actions import do_load_base_layers, do_load_national_layers


class Command(BaseCommand):
    help = (
        "Build the base layers from the shipped boundaries: Kota Tangerang's kelurahan and "
        "kecamatan, and the national provinsi and kabupaten/kota."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--city-only",
            action="store_true",
            help="Build only Kota Tangerang's kelurahan and kecamatan.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        layers = do_load_base_layers()
        if not options["city_only"]:
            layers += do_load_national_layers()
        for layer in layers:
            self.stdout.write(f"{layer.slug}: {layer.features}")
