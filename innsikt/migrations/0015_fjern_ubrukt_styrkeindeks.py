# The group page reads a group's strongest and newest insights from Gruppefunn
# (innsikt/tall.py, migration 0014) now; pg_stat_user_indexes showed no use of this index
# in a full `manage.py bench` run, while every insight write still paid for it.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("innsikt", "0014_gruppefunn"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="innsikt", name="innsikt_innsikt_publ_styrke"),
    ]
