from django.db import migrations


def create_redaksjon(apps, schema_editor):
    from skattekiste.felles.roles import sync_redaksjon_group

    sync_redaksjon_group(apps)


def remove_redaksjon(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Redaksjon").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("skattekiste", "0002_history"),
        ("metoder", "0002_history"),
        ("innsikt", "0002_history"),
    ]

    operations = [migrations.RunPython(create_redaksjon, remove_redaksjon)]
