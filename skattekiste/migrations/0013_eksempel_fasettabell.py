# The facet table of /eksempler/ and its pair counts, kept up to date by triggers
# (skattekiste/felles/fasettabell.py). The spec is written out here so that the migration
# keeps meaning the same thing if the list's facets change later.

from django.db import migrations

from skattekiste.felles.fasettabell import FacetTable, Link, create_sql, drop_sql

EKSEMPEL = FacetTable(
    navn="skattekiste_eksempel_fasett",
    owner="skattekiste_eksempel",
    published="o.status = 'publisert'",
    year="o.aar",
    date="o.publisert",
    keys=[
        "SELECT 'tema:' || tag_id FROM skattekiste_eksempeltema WHERE content_object_id = o.id",
        "SELECT 'situasjon:' || s FROM unnest(o.situasjoner) s",
        "SELECT 'distrikt:' || distrikt_id FROM skattekiste_eksempel_distrikter"
        " WHERE eksempel_id = o.id",
        "SELECT 'gruppe:' || innbyggergruppe_id FROM skattekiste_eksempel_grupper"
        " WHERE eksempel_id = o.id",
        "SELECT 'metode:' || metode_id FROM skattekiste_eksempel_metoder WHERE eksempel_id = o.id",
        "SELECT 'aar:' || o.aar",
    ],
    links=[
        Link("skattekiste_eksempeltema", "content_object_id"),
        Link("skattekiste_eksempel_distrikter", "eksempel_id"),
        Link("skattekiste_eksempel_grupper", "eksempel_id"),
        Link("skattekiste_eksempel_metoder", "eksempel_id"),
    ],
)


class Migration(migrations.Migration):

    dependencies = [
        ('skattekiste', '0012_postgres_utvidelser'),
    ]

    operations = [
        migrations.RunSQL(create_sql(EKSEMPEL), drop_sql(EKSEMPEL)),
    ]
