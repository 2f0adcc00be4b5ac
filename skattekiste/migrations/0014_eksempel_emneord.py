# An example's tags become words in its search text (issue 13): the column emneord holds the
# names of its themes, citizen groups, districts and methods, and the search vector reads it.
# A generated column cannot read other tables, so PostgreSQL triggers keep emneord right on
# every write path (admin, forms, bulk_create, loaddata, raw SQL):
# - a BEFORE trigger on the example always computes emneord itself, whatever was written;
# - linking or unlinking a tag touches the examples concerned, so their trigger recomputes;
# - renaming a tag touches every example that has it.
# The function is VOLATILE, so a statement that waited for another transaction's lock reads
# what that transaction committed; the link triggers lock the tags they read (FOR SHARE), so
# a rename at the same moment is never lost.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

# (link table, its column for the example, its column for the tag, tag table, name columns)
LINKS = [
    ("skattekiste_eksempeltema", "content_object_id", "tag_id", "skattekiste_tema", ["name"]),
    (
        "skattekiste_eksempel_grupper",
        "eksempel_id",
        "innbyggergruppe_id",
        "skattekiste_innbyggergruppe",
        ["navn"],
    ),
    (
        "skattekiste_eksempel_distrikter",
        "eksempel_id",
        "distrikt_id",
        "skattekiste_distrikt",
        ["navn", "kortnavn"],
    ),
    ("skattekiste_eksempel_metoder", "eksempel_id", "metode_id", "metoder_metode", ["navn"]),
]


def _names(link, eks, tag, tags, columns):
    text = " || ' ' || ".join(f"t.{c}" for c in columns)
    return (
        f"(SELECT string_agg({text}, ' ' ORDER BY t.id) FROM {link} l"
        f" JOIN {tags} t ON t.id = l.{tag} WHERE l.{eks} = $1)"
    )


FORWARDS = [
    "CREATE FUNCTION skattekiste_eksempel_emneord(bigint) RETURNS text"
    " LANGUAGE sql VOLATILE AS $$ SELECT concat_ws(' ', "
    + ", ".join(_names(*link) for link in LINKS)
    + ") $$",
    """CREATE FUNCTION skattekiste_eksempel_emneord_sett() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.emneord := skattekiste_eksempel_emneord(NEW.id);
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER skattekiste_eksempel_emneord BEFORE INSERT OR UPDATE
    ON skattekiste_eksempel FOR EACH ROW EXECUTE FUNCTION skattekiste_eksempel_emneord_sett()""",
    # Arguments: the link's column for the example, its column for the tag, the tag table.
    """CREATE FUNCTION skattekiste_eksempel_emneord_kobling() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        endret text[] := CASE TG_OP WHEN 'INSERT' THEN ARRAY['nye'] WHEN 'DELETE'
            THEN ARRAY['gamle'] ELSE ARRAY['nye', 'gamle'] END;
        tabell text;
    BEGIN
        FOREACH tabell IN ARRAY endret LOOP
            EXECUTE format('SELECT 1 FROM %I t WHERE t.id IN (SELECT %I FROM %I) FOR SHARE',
                           TG_ARGV[2], TG_ARGV[1], tabell);
            EXECUTE format('UPDATE skattekiste_eksempel e SET emneord = '''''
                           ' WHERE e.id IN (SELECT %I FROM %I)', TG_ARGV[0], tabell);
        END LOOP;
        RETURN NULL;
    END $$""",
    # Argument: the link table, its column for the example, its column for the tag.
    """CREATE FUNCTION skattekiste_eksempel_emneord_navn() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        EXECUTE format('UPDATE skattekiste_eksempel e SET emneord = '''''
                       ' WHERE e.id IN (SELECT %I FROM %I WHERE %I = $1)',
                       TG_ARGV[1], TG_ARGV[0], TG_ARGV[2]) USING NEW.id;
        RETURN NULL;
    END $$""",
]
BACKWARDS = [
    "DROP TRIGGER skattekiste_eksempel_emneord ON skattekiste_eksempel",
    "DROP FUNCTION skattekiste_eksempel_emneord_sett()",
    "DROP FUNCTION skattekiste_eksempel_emneord_kobling()",
    "DROP FUNCTION skattekiste_eksempel_emneord_navn()",
    "DROP FUNCTION skattekiste_eksempel_emneord(bigint)",
]
for link, eks, tag, tags, columns in LINKS:
    args = f"'{eks}', '{tag}', '{tags}'"
    for event, referencing in [
        ("INSERT", "NEW TABLE AS nye"),
        ("DELETE", "OLD TABLE AS gamle"),
        ("UPDATE", "NEW TABLE AS nye OLD TABLE AS gamle"),
    ]:
        name = f"{link}_emneord_{event.lower()}"
        FORWARDS.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {link} REFERENCING {referencing}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_emneord_kobling({args})"
        )
        BACKWARDS.insert(0, f"DROP TRIGGER {name} ON {link}")
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
    FORWARDS.append(
        f"CREATE TRIGGER {tags}_emneord AFTER UPDATE ON {tags} FOR EACH ROW WHEN ({changed})"
        f" EXECUTE FUNCTION skattekiste_eksempel_emneord_navn('{link}', '{eks}', '{tag}')"
    )
    BACKWARDS.insert(0, f"DROP TRIGGER {tags}_emneord ON {tags}")


class Migration(migrations.Migration):
    dependencies = [
        ("metoder", "0005_versjon"),
        ("skattekiste", "0013_eksempel_fasettabell"),
    ]

    operations = [
        migrations.AddField(
            model_name="eksempel",
            name="emneord",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="emneord"),
        ),
        migrations.RemoveIndex(model_name="eksempel", name="skattekiste_eksempel_sok"),
        migrations.RemoveField(model_name="eksempel", name="search_vector"),
        migrations.RunSQL(FORWARDS, BACKWARDS),
        # Fills emneord for the examples there are: the BEFORE trigger computes it.
        migrations.RunSQL(
            "UPDATE skattekiste_eksempel SET emneord = ''", migrations.RunSQL.noop, elidable=True
        ),
        migrations.AddField(
            model_name="eksempel",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            "tittel", config="norwegian", weight="A"
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "ingress", "sted", "emneord", config="norwegian", weight="B"
                        ),
                        django.contrib.postgres.search.SearchConfig("norwegian"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "beskrivelse",
                        "hva_fungerte",
                        "hva_fungerte_ikke",
                        "laering",
                        "kilder",
                        config="norwegian",
                        weight="C",
                    ),
                    django.contrib.postgres.search.SearchConfig("norwegian"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                serialize=False,
                verbose_name="søkeindeks",
            ),
        ),
        migrations.AddIndex(
            model_name="eksempel",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "publisert")),
                fields=["search_vector"],
                name="skattekiste_eksempel_sok",
            ),
        ),
    ]
