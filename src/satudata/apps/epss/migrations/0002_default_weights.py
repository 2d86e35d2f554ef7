"""Seeds the default weights (year empty) from the shipped data/default_weights.csv."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parents[1] / "data" / "default_weights.csv"


def seed(apps, schema_editor) -> None:
    Weight = apps.get_model("epss", "Weight")
    with DEFAULTS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Weight.objects.update_or_create(
                year=None,
                kind=row["kind"],
                code=row["code"],
                defaults={"weight": Decimal(row["weight"])},
            )


def unseed(apps, schema_editor) -> None:
    apps.get_model("epss", "Weight").objects.filter(year__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("epss", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
