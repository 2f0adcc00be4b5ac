# The facet table of /innsikt/ and its pair counts, kept up to date by triggers
# (skattekiste/felles/fasettabell.py). The spec is written out here so that the migration
# keeps meaning the same thing if the list's facets change later.

from django.db import migrations

from skattekiste.felles.fasettabell import FacetTable, Link, Source, create_sql, drop_sql

INNSIKT = FacetTable(
    navn="innsikt_fasett",
    owner="innsikt_innsikt",
    published="o.status = 'publisert'",
    year="extract(year FROM o.dato)::integer",
    date="o.dato::timestamptz",
    keys=[
        "SELECT 'gruppe:' || innbyggergruppe_id FROM innsikt_innsikt_grupper WHERE innsikt_id = o.id",
        "SELECT 'behov:' || behov_id FROM innsikt_innsikt_behov WHERE innsikt_id = o.id",
        "SELECT 'kildetype:' || k.type FROM innsikt_innsikt_kilder l"
        " JOIN innsikt_kilde k ON k.id = l.kilde_id WHERE l.innsikt_id = o.id",
        "SELECT 'kilde:' || kilde_id FROM innsikt_innsikt_kilder WHERE innsikt_id = o.id",
        "SELECT 'distrikt:' || distrikt_id FROM innsikt_innsikt_distrikter WHERE innsikt_id = o.id",
        "SELECT 'aar:' || extract(year FROM o.dato)::integer",
    ],
    links=[
        Link("innsikt_innsikt_grupper", "innsikt_id"),
        Link("innsikt_innsikt_behov", "innsikt_id"),
        Link("innsikt_innsikt_kilder", "innsikt_id"),
        Link("innsikt_innsikt_distrikter", "innsikt_id"),
    ],
    sources=[Source("innsikt_kilde", "innsikt_innsikt_kilder", "kilde_id", "innsikt_id")],
    unpaired=["kilde"],
)


class Migration(migrations.Migration):

    dependencies = [
        ('innsikt', '0009_publisert_indeks'),
    ]

    operations = [
        migrations.RunSQL(create_sql(INNSIKT), drop_sql(INNSIKT)),
    ]
