from django.db import migrations


def sync_redaksjon(apps, schema_editor):
    from skattekiste.felles.roles import sync_redaksjon_group

    # The team edits the search's thesaurus (Synonym) from now on.
    sync_redaksjon_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("skattekiste", "0005_sok"),
        ("metoder", "0003_sok"),
        ("innsikt", "0004_sok"),
    ]

    operations = [migrations.RunPython(sync_redaksjon, migrations.RunPython.noop)]
