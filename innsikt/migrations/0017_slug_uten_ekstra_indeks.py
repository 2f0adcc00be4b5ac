# The slug had three btree indexes: the unique constraint's (innsikt_innsikt_unique_slug),
# the field's own db_index (the very same column and order: an exact duplicate, 0 scans) and
# its varchar_pattern_ops twin for LIKE 'x%', which nothing in the app asks of an insight.
# Every insight write paid for all three: about 30 MB each at 200 000 insights. The history
# table's copies go too: history is read by id, never by slug.

from django.db import migrations

import skattekiste.felles.fields


class Migration(migrations.Migration):
    dependencies = [
        ("innsikt", "0016_kildetall"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalinnsikt",
            name="slug",
            field=skattekiste.felles.fields.PublicSlugField(
                db_index=False,
                help_text=(
                    "Slutten av lenken til siden, fylt ut fra navnet. Bare små bokstaver a–z, tall"
                    " og bindestrek. Endrer du den, virker ikke gamle lenker lenger."
                ),
                max_length=240,
                verbose_name="adresse",
            ),
        ),
        migrations.AlterField(
            model_name="innsikt",
            name="slug",
            field=skattekiste.felles.fields.PublicSlugField(
                db_index=False,
                help_text=(
                    "Slutten av lenken til siden, fylt ut fra navnet. Bare små bokstaver a–z, tall"
                    " og bindestrek. Endrer du den, virker ikke gamle lenker lenger."
                ),
                max_length=240,
                verbose_name="adresse",
            ),
        ),
    ]
