# Two changes for the search (issue 12).
#
# 1. The example's slug index from db_index duplicated the unique constraint's index; the
#    varchar_pattern_ops index for free_slug's LIKE 'x%' stays, under a name of our own (it
#    is needed where the database has a language collation). The history table's copies go:
#    history is read by id, never by slug.
#
# 2. The search text's tag words (emneord, from 0014) are kept set-based. Linking a tag set
#    emneord = '' on every linked example and let the BEFORE trigger call
#    skattekiste_eksempel_emneord(id) once per row (four subqueries each), and rewrote every
#    example even when its words came out the same. Now one function computes the words of
#    all the examples a statement touched, in one query per tag table, and writes only the
#    rows that changed. The BEFORE trigger trusts that write (it comes from a trigger, depth
#    > 1) and, on an ordinary UPDATE, recomputes only when someone wrote an emneord other than
#    the stored one (the stored one is right: these triggers keep it so). An INSERT still
#    computes its own (COPY or loaddata may write the links first: the foreign keys are
#    deferred). TRUNCATE of a link table now clears the words too.

from django.db import migrations, models

import skattekiste.felles.fields

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


def _words(n, link, eks, tag, tags, columns):
    """Each example's tag names in one table, as skattekiste_eksempel_emneord has them."""
    text = " || ' ' || ".join(f"t.{c}" for c in columns)
    return (
        f" LEFT JOIN (SELECT l.{eks} AS id, string_agg({text}, ' ' ORDER BY t.id) AS v"
        f" FROM {link} l JOIN {tags} t ON t.id = l.{tag} WHERE l.{eks} = ANY(ids)"
        f" GROUP BY l.{eks}) o{n} USING (id)"
    )


OPPDATER = (
    """CREATE FUNCTION skattekiste_eksempel_emneord_oppdater(ids bigint[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(cardinality(ids), 0) = 0 THEN
            RETURN;
        END IF;
        -- The examples are locked first, in id order: the UPDATE, with a snapshot of its
        -- own, then sees every link change committed by a transaction that held one.
        PERFORM 1 FROM skattekiste_eksempel WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE skattekiste_eksempel e SET emneord = n.emneord FROM (
            SELECT id, concat_ws(' ', o0.v, o1.v, o2.v, o3.v) AS emneord
            FROM (SELECT DISTINCT unnest(ids) AS id) i"""
    + "".join(_words(n, *link) for n, link in enumerate(LINKS))
    + """
        ) n
        WHERE e.id = n.id AND e.emneord IS DISTINCT FROM n.emneord;
    END $$"""
)

FORWARDS = [
    OPPDATER,
    """CREATE OR REPLACE FUNCTION skattekiste_eksempel_emneord_sett() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
           AND (pg_trigger_depth() > 1 OR NEW.emneord IS NOT DISTINCT FROM OLD.emneord) THEN
            RETURN NEW;
        END IF;
        NEW.emneord := skattekiste_eksempel_emneord(NEW.id);
        RETURN NEW;
    END $$""",
    # Arguments: the link's column for the example, its column for the tag, the tag table.
    """CREATE OR REPLACE FUNCTION skattekiste_eksempel_emneord_kobling() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        endret text[] := CASE TG_OP WHEN 'INSERT' THEN ARRAY['nye'] WHEN 'DELETE'
            THEN ARRAY['gamle'] ELSE ARRAY['nye', 'gamle'] END;
        tabell text;
        noen bigint[];
        ids bigint[] := '{}';
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            PERFORM skattekiste_eksempel_emneord_oppdater(
                ARRAY(SELECT id FROM skattekiste_eksempel WHERE emneord <> ''));
            RETURN NULL;
        END IF;
        FOREACH tabell IN ARRAY endret LOOP
            EXECUTE format('SELECT 1 FROM %I t WHERE t.id IN (SELECT %I FROM %I) FOR SHARE',
                           TG_ARGV[2], TG_ARGV[1], tabell);
            EXECUTE format('SELECT array_agg(DISTINCT %I) FROM %I', TG_ARGV[0], tabell)
                INTO noen;
            ids := ids || coalesce(noen, '{}');
        END LOOP;
        PERFORM skattekiste_eksempel_emneord_oppdater(ids);
        RETURN NULL;
    END $$""",
    # Arguments: the link table, its column for the example, its column for the tag.
    """CREATE OR REPLACE FUNCTION skattekiste_eksempel_emneord_navn() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        ids bigint[];
    BEGIN
        EXECUTE format('SELECT array_agg(%I) FROM %I WHERE %I = $1',
                       TG_ARGV[1], TG_ARGV[0], TG_ARGV[2]) INTO ids USING NEW.id;
        PERFORM skattekiste_eksempel_emneord_oppdater(ids);
        RETURN NULL;
    END $$""",
]
# Back to 0014's functions.
BACKWARDS = [
    """CREATE OR REPLACE FUNCTION skattekiste_eksempel_emneord_sett() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.emneord := skattekiste_eksempel_emneord(NEW.id);
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION skattekiste_eksempel_emneord_kobling() RETURNS trigger
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
    """CREATE OR REPLACE FUNCTION skattekiste_eksempel_emneord_navn() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        EXECUTE format('UPDATE skattekiste_eksempel e SET emneord = '''''
                       ' WHERE e.id IN (SELECT %I FROM %I WHERE %I = $1)',
                       TG_ARGV[1], TG_ARGV[0], TG_ARGV[2]) USING NEW.id;
        RETURN NULL;
    END $$""",
    "DROP FUNCTION skattekiste_eksempel_emneord_oppdater(bigint[])",
]
for link, eks, tag, _, _ in LINKS:
    FORWARDS.append(
        f"CREATE TRIGGER {link}_emneord_tom AFTER TRUNCATE ON {link} FOR EACH STATEMENT"
        f" EXECUTE FUNCTION skattekiste_eksempel_emneord_kobling('{eks}', '{tag}', '')"
    )
    BACKWARDS.insert(0, f"DROP TRIGGER {link}_emneord_tom ON {link}")


class Migration(migrations.Migration):
    dependencies = [
        ("skattekiste", "0027_pafyll"),
    ]

    operations = [
        migrations.RunSQL(FORWARDS, BACKWARDS),
        migrations.AlterField(
            model_name="eksempel",
            name="slug",
            field=skattekiste.felles.fields.PublicSlugField(
                db_index=False,
                help_text=(
                    "Slutten av lenken til siden, fylt ut fra navnet. Bare små bokstaver a–z, tall"
                    " og bindestrek. Endrer du den, virker ikke gamle lenker lenger."
                ),
                max_length=220,
                verbose_name="adresse",
            ),
        ),
        migrations.AlterField(
            model_name="historicaleksempel",
            name="slug",
            field=skattekiste.felles.fields.PublicSlugField(
                db_index=False,
                help_text=(
                    "Slutten av lenken til siden, fylt ut fra navnet. Bare små bokstaver a–z, tall"
                    " og bindestrek. Endrer du den, virker ikke gamle lenker lenger."
                ),
                max_length=220,
                verbose_name="adresse",
            ),
        ),
        migrations.AddIndex(
            model_name="eksempel",
            index=models.Index(
                fields=["slug"], name="skattekiste_eks_slug_like", opclasses=["varchar_pattern_ops"]
            ),
        ),
    ]
