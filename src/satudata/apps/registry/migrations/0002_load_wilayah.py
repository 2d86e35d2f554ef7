from django.db import migrations


def load(apps, schema_editor):
    from satudata.apps.registry.loader import load as load_rows

    load_rows(apps.get_model("registry", "Wilayah"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
