from django.db import migrations


def load(apps, schema_editor):
    from satudata.apps.registry.loader import load_all

    load_all(apps.get_model("registry", "Wilayah"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_history")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
