"""Påfyll asks for the insights published since a date, newest first: this index answers
without reading 200 000 rows. Raw SQL, frozen here: the model has no field for it to change."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("innsikt", "0017_slug_uten_ekstra_indeks")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX innsikt_innsikt_ny ON innsikt_innsikt (opprettet DESC, id DESC) "
            "WHERE status = 'publisert'",
            "DROP INDEX innsikt_innsikt_ny",
        )
    ]
