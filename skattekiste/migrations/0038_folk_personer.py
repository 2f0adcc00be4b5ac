"""/folk/'s people table, and the PostgreSQL triggers that keep it equal to a recount."""

import django.db.models.functions.text
from django.db import migrations, models



# One person however many examples they are the contact of: by e-mail, and by name and
# unit where there is no e-mail. Frozen here; skattekiste/folk/queries.py calls it.
NOKKEL = """
CREATE FUNCTION folk_nokkel(epost text, navn text, enhet text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN epost <> '' THEN 'e:' || lower(btrim(epost))
            ELSE 'n:' || lower(btrim(navn)) || '|' || lower(btrim(enhet)) END;

CREATE INDEX skattekiste_eks_person ON skattekiste_eksempel
    (folk_nokkel(kontakt_epost, kontakt_navn, kontakt_enhet), aar DESC, id DESC)
    WHERE status = 'publisert' AND kontakt_navn <> '';
"""

# Count the given people again from the examples. A lock per person, taken in one order,
# makes two writers of the same person wait for each other; each statement after it sees
# what the other committed, so the count is exact under concurrent writes too.
TELL = """
CREATE FUNCTION folk_tell(nokler text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    k text;
BEGIN
    IF coalesce(cardinality(nokler), 0) = 0 THEN
        RETURN;
    END IF;
    FOR k IN SELECT DISTINCT x FROM unnest(nokler) x ORDER BY x LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('folk:' || k, 0));
    END LOOP;
    DELETE FROM skattekiste_person p WHERE p.nokkel = ANY(nokler) AND NOT EXISTS (
        SELECT 1 FROM skattekiste_eksempel e
        WHERE e.status = 'publisert' AND e.kontakt_navn <> ''
        AND folk_nokkel(e.kontakt_epost, e.kontakt_navn, e.kontakt_enhet) = p.nokkel);
    -- The newest example gives the name, role and unit a person goes by now.
    INSERT INTO skattekiste_person AS p (nokkel, navn, rolle, enhet, epost, antall)
    SELECT folk_nokkel(e.kontakt_epost, e.kontakt_navn, e.kontakt_enhet),
           (array_agg(e.kontakt_navn ORDER BY e.aar DESC, e.id DESC))[1],
           (array_agg(e.kontakt_rolle ORDER BY e.aar DESC, e.id DESC))[1],
           (array_agg(e.kontakt_enhet ORDER BY e.aar DESC, e.id DESC))[1],
           (array_agg(e.kontakt_epost ORDER BY e.aar DESC, e.id DESC))[1],
           count(*)
    FROM skattekiste_eksempel e
    WHERE e.status = 'publisert' AND e.kontakt_navn <> ''
    AND folk_nokkel(e.kontakt_epost, e.kontakt_navn, e.kontakt_enhet) = ANY(nokler)
    GROUP BY 1 ORDER BY 1
    ON CONFLICT (nokkel) DO UPDATE SET navn = EXCLUDED.navn, rolle = EXCLUDED.rolle,
        enhet = EXCLUDED.enhet, epost = EXCLUDED.epost, antall = EXCLUDED.antall
    WHERE (p.navn, p.rolle, p.enhet, p.epost, p.antall) IS DISTINCT FROM
          (EXCLUDED.navn, EXCLUDED.rolle, EXCLUDED.enhet, EXCLUDED.epost, EXCLUDED.antall);
END $$;

CREATE FUNCTION folk_eksempel_endret() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    nokler text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        nokler := ARRAY(SELECT folk_nokkel(n.kontakt_epost, n.kontakt_navn, n.kontakt_enhet)
                        FROM nye n WHERE n.status = 'publisert' AND n.kontakt_navn <> '');
    ELSIF TG_OP = 'DELETE' THEN
        nokler := ARRAY(SELECT folk_nokkel(o.kontakt_epost, o.kontakt_navn, o.kontakt_enhet)
                        FROM gamle o WHERE o.status = 'publisert' AND o.kontakt_navn <> '');
    ELSE
        -- Only rows whose person or order columns changed: other saves cost next to nothing.
        nokler := ARRAY(
            WITH endret AS (
                SELECT o.id FROM gamle o JOIN nye n ON n.id = o.id
                WHERE (o.status, o.kontakt_navn, o.kontakt_rolle, o.kontakt_enhet,
                       o.kontakt_epost, o.aar) IS DISTINCT FROM
                      (n.status, n.kontakt_navn, n.kontakt_rolle, n.kontakt_enhet,
                       n.kontakt_epost, n.aar)
                UNION SELECT n.id FROM nye n WHERE NOT EXISTS (SELECT 1 FROM gamle o WHERE o.id = n.id)
                UNION SELECT o.id FROM gamle o WHERE NOT EXISTS (SELECT 1 FROM nye n WHERE n.id = o.id)
            )
            SELECT folk_nokkel(o.kontakt_epost, o.kontakt_navn, o.kontakt_enhet) FROM gamle o
            WHERE o.id IN (SELECT id FROM endret) AND o.status = 'publisert' AND o.kontakt_navn <> ''
            UNION
            SELECT folk_nokkel(n.kontakt_epost, n.kontakt_navn, n.kontakt_enhet) FROM nye n
            WHERE n.id IN (SELECT id FROM endret) AND n.status = 'publisert' AND n.kontakt_navn <> '');
    END IF;
    PERFORM folk_tell(nokler);
    RETURN NULL;
END $$;

CREATE FUNCTION folk_tom() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM skattekiste_person;
    RETURN NULL;
END $$;

CREATE TRIGGER folk_eksempel_insert AFTER INSERT ON skattekiste_eksempel
    REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION folk_eksempel_endret();
CREATE TRIGGER folk_eksempel_update AFTER UPDATE ON skattekiste_eksempel
    REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
    FOR EACH STATEMENT EXECUTE FUNCTION folk_eksempel_endret();
CREATE TRIGGER folk_eksempel_delete AFTER DELETE ON skattekiste_eksempel
    REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION folk_eksempel_endret();
-- TRUNCATE fires no transition triggers.
CREATE TRIGGER folk_eksempel_tom AFTER TRUNCATE ON skattekiste_eksempel
    FOR EACH STATEMENT EXECUTE FUNCTION folk_tom();

SELECT folk_tell(ARRAY(
    SELECT DISTINCT folk_nokkel(kontakt_epost, kontakt_navn, kontakt_enhet)
    FROM skattekiste_eksempel WHERE status = 'publisert' AND kontakt_navn <> ''));
"""

BAKOVER = """
DROP TRIGGER folk_eksempel_insert ON skattekiste_eksempel;
DROP TRIGGER folk_eksempel_update ON skattekiste_eksempel;
DROP TRIGGER folk_eksempel_delete ON skattekiste_eksempel;
DROP TRIGGER folk_eksempel_tom ON skattekiste_eksempel;
DROP FUNCTION folk_tom();
DROP FUNCTION folk_eksempel_endret();
DROP FUNCTION folk_tell(text[]);
DROP INDEX skattekiste_eks_person;
DROP FUNCTION folk_nokkel(text, text, text);
"""


class Migration(migrations.Migration):

    dependencies = [
        ("skattekiste", "0037_innlesing"),
    ]

    operations = [
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nokkel', models.TextField(editable=False, unique=True, verbose_name='nøkkel')),
                ('navn', models.CharField(editable=False, max_length=120)),
                ('rolle', models.CharField(blank=True, editable=False, max_length=120)),
                ('enhet', models.CharField(blank=True, editable=False, max_length=120)),
                ('epost', models.CharField(blank=True, editable=False, max_length=254, verbose_name='e-post')),
                ('antall', models.PositiveIntegerField(editable=False, verbose_name='publiserte eksempler')),
            ],
            options={
                'verbose_name': 'kontaktperson',
                'verbose_name_plural': 'kontaktpersoner',
                'ordering': ['navn', 'id'],
                'indexes': [models.Index(django.db.models.functions.text.Lower('navn'), models.F('id'), name='skattekiste_person_navn')],
                'constraints': [models.CheckConstraint(condition=models.Q(('antall__gt', 0)), name='skattekiste_person_antall')],
            },
        ),
        migrations.RunSQL(NOKKEL + TELL, BAKOVER),
    ]
