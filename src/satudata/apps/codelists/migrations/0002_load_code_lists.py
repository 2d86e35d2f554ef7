from django.db import migrations


def load(apps, schema_editor):
    from satudata.apps.codelists.seed import load as load_lists

    load_lists(
        apps.get_model("codelists", "CodeList"),
        apps.get_model("codelists", "CodeListVersion"),
        apps.get_model("codelists", "Code"),
    )


class Migration(migrations.Migration):
    dependencies = [("codelists", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
