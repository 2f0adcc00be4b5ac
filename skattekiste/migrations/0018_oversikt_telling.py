"""Counts for /oversikt/, kept right on write by triggers (see skattekiste/oversikt/models.py)."""

from django.db import migrations, models


# The cells one published example counts in. The example's districts and 0 (all districts),
# times its keys. A link row counts in fewer: a district link in that district's cells only,
# a method, group or theme link in that key's cells only. Each statement changes one table,
# so adding or taking away exactly those cells keeps every count right in any order.
EKSEMPEL_TELL = """
CREATE OR REPLACE FUNCTION oversikt_eksempel_tell(
    p_sign integer, e skattekiste_eksempel, p_distrikt bigint, p_maal text, p_nokkel text
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    pub timestamp := e.publisert AT TIME ZONE 'Europe/Oslo';
BEGIN
    IF e.id IS NULL OR e.status <> 'publisert' THEN
        RETURN;
    END IF;
    WITH celler AS (
    SELECT k.maal, d.distrikt, k.aar, k.nokkel, sum(p_sign) AS n
    FROM (
        SELECT p_distrikt AS distrikt WHERE p_distrikt IS NOT NULL
        UNION ALL SELECT 0 WHERE p_distrikt IS NULL
        UNION ALL SELECT distrikt_id FROM skattekiste_eksempel_distrikter
            WHERE eksempel_id = e.id AND p_distrikt IS NULL
    ) d
    CROSS JOIN (
        SELECT p_maal AS maal, e.aar::smallint AS aar, p_nokkel AS nokkel WHERE p_maal IS NOT NULL
        UNION ALL SELECT 'eksempler', e.aar, '' WHERE p_maal IS NULL
        UNION ALL SELECT 'ikke_fungerte', e.aar, ''
            WHERE p_maal IS NULL AND btrim(e.hva_fungerte_ikke) <> ''
        UNION ALL SELECT DISTINCT 'situasjon', e.aar, s FROM unnest(e.situasjoner) s
            WHERE p_maal IS NULL
        UNION ALL SELECT 'maaned', extract(year FROM pub)::smallint, to_char(pub, 'MM')
            WHERE p_maal IS NULL
        UNION ALL SELECT 'metode', e.aar, metode_id::text FROM skattekiste_eksempel_metoder
            WHERE eksempel_id = e.id AND p_maal IS NULL
        UNION ALL SELECT 'gruppe', e.aar, innbyggergruppe_id::text
            FROM skattekiste_eksempel_grupper WHERE eksempel_id = e.id AND p_maal IS NULL
        UNION ALL SELECT 'tema', e.aar, tag_id::text FROM skattekiste_eksempeltema
            WHERE content_object_id = e.id AND p_maal IS NULL
    ) k
    GROUP BY 1, 2, 3, 4
    ),
    -- Update first: the CHECK (antall >= 0) is tested on an inserted row before ON CONFLICT,
    -- so taking away must never go through INSERT. A cell missing there fails loudly.
    endret AS (
        UPDATE skattekiste_telling t SET antall = t.antall + c.n FROM celler c
        WHERE (t.maal, t.distrikt, t.aar, t.nokkel) = (c.maal, c.distrikt, c.aar, c.nokkel)
        RETURNING t.maal, t.distrikt, t.aar, t.nokkel
    )
    INSERT INTO skattekiste_telling AS t (maal, distrikt, aar, nokkel, antall)
    SELECT c.maal, c.distrikt, c.aar, c.nokkel, c.n FROM celler c
    WHERE NOT EXISTS (
        SELECT 1 FROM endret x
        WHERE (x.maal, x.distrikt, x.aar, x.nokkel) = (c.maal, c.distrikt, c.aar, c.nokkel)
    )
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (maal, distrikt, aar, nokkel) DO UPDATE SET antall = t.antall + EXCLUDED.antall;
END $$;

CREATE OR REPLACE FUNCTION oversikt_eksempel_endret() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM oversikt_eksempel_tell(-1, OLD, NULL, NULL, NULL);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM oversikt_eksempel_tell(1, NEW, NULL, NULL, NULL);
    END IF;
    RETURN NULL;
END $$;

-- TG_ARGV: the link's example column, its other column, and what it counts ('distrikt'
-- narrows the districts instead of the keys).
CREATE OR REPLACE FUNCTION oversikt_eksempel_lenke_endret() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    rad jsonb;
    e skattekiste_eksempel;
    sign integer;
BEGIN
    FOR rad, sign IN
        SELECT to_jsonb(OLD), -1 WHERE TG_OP IN ('UPDATE', 'DELETE')
        UNION ALL SELECT to_jsonb(NEW), 1 WHERE TG_OP IN ('UPDATE', 'INSERT')
    LOOP
        SELECT * INTO e FROM skattekiste_eksempel WHERE id = (rad ->> TG_ARGV[0])::bigint;
        CONTINUE WHEN NOT FOUND;
        IF TG_ARGV[2] = 'distrikt' THEN
            PERFORM oversikt_eksempel_tell(sign, e, (rad ->> TG_ARGV[1])::bigint, NULL, NULL);
        ELSE
            PERFORM oversikt_eksempel_tell(sign, e, NULL, TG_ARGV[2], rad ->> TG_ARGV[1]);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER oversikt_eksempel_ny_slettet AFTER INSERT OR DELETE ON skattekiste_eksempel
    FOR EACH ROW EXECUTE FUNCTION oversikt_eksempel_endret();
CREATE TRIGGER oversikt_eksempel_endret AFTER UPDATE ON skattekiste_eksempel
    FOR EACH ROW WHEN (
        OLD.status IS DISTINCT FROM NEW.status OR OLD.aar IS DISTINCT FROM NEW.aar
        OR OLD.situasjoner IS DISTINCT FROM NEW.situasjoner
        OR OLD.publisert IS DISTINCT FROM NEW.publisert
        OR (btrim(OLD.hva_fungerte_ikke) = '') IS DISTINCT FROM (btrim(NEW.hva_fungerte_ikke) = '')
    ) EXECUTE FUNCTION oversikt_eksempel_endret();
CREATE TRIGGER oversikt_eksempel_distrikt AFTER INSERT OR UPDATE OR DELETE
    ON skattekiste_eksempel_distrikter FOR EACH ROW
    EXECUTE FUNCTION oversikt_eksempel_lenke_endret('eksempel_id', 'distrikt_id', 'distrikt');
CREATE TRIGGER oversikt_eksempel_metode AFTER INSERT OR UPDATE OR DELETE
    ON skattekiste_eksempel_metoder FOR EACH ROW
    EXECUTE FUNCTION oversikt_eksempel_lenke_endret('eksempel_id', 'metode_id', 'metode');
CREATE TRIGGER oversikt_eksempel_gruppe AFTER INSERT OR UPDATE OR DELETE
    ON skattekiste_eksempel_grupper FOR EACH ROW
    EXECUTE FUNCTION oversikt_eksempel_lenke_endret('eksempel_id', 'innbyggergruppe_id', 'gruppe');
CREATE TRIGGER oversikt_eksempel_tema AFTER INSERT OR UPDATE OR DELETE
    ON skattekiste_eksempeltema FOR EACH ROW
    EXECUTE FUNCTION oversikt_eksempel_lenke_endret('content_object_id', 'tag_id', 'tema');
"""

# Insights count once without a group (nokkel '') and once per group, by the year of their date.
INNSIKT_TELL = """
CREATE OR REPLACE FUNCTION oversikt_innsikt_tell(
    p_sign integer, i innsikt_innsikt, p_gruppe bigint
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF i.id IS NULL OR i.status <> 'publisert' THEN
        RETURN;
    END IF;
    WITH celler AS (
    SELECT k.maal, 0 AS distrikt, extract(year FROM i.dato)::smallint AS aar, g.nokkel,
           sum(p_sign) AS n
    FROM (
        SELECT p_gruppe::text AS nokkel WHERE p_gruppe IS NOT NULL
        UNION ALL SELECT '' WHERE p_gruppe IS NULL
        UNION ALL SELECT innbyggergruppe_id::text FROM innsikt_innsikt_grupper
            WHERE innsikt_id = i.id AND p_gruppe IS NULL
    ) g
    CROSS JOIN (
        SELECT 'innsikt' AS maal
        UNION ALL SELECT 'innsikt_sterk' WHERE i.styrke = 3
        UNION ALL SELECT 'innsikt_middels' WHERE i.styrke = 2
        UNION ALL SELECT 'innsikt_egen' WHERE i.fra_gruppen_selv
    ) k
    GROUP BY 1, 2, 3, 4
    ),
    -- Update first: the CHECK (antall >= 0) is tested on an inserted row before ON CONFLICT,
    -- so taking away must never go through INSERT. A cell missing there fails loudly.
    endret AS (
        UPDATE skattekiste_telling t SET antall = t.antall + c.n FROM celler c
        WHERE (t.maal, t.distrikt, t.aar, t.nokkel) = (c.maal, c.distrikt, c.aar, c.nokkel)
        RETURNING t.maal, t.distrikt, t.aar, t.nokkel
    )
    INSERT INTO skattekiste_telling AS t (maal, distrikt, aar, nokkel, antall)
    SELECT c.maal, c.distrikt, c.aar, c.nokkel, c.n FROM celler c
    WHERE NOT EXISTS (
        SELECT 1 FROM endret x
        WHERE (x.maal, x.distrikt, x.aar, x.nokkel) = (c.maal, c.distrikt, c.aar, c.nokkel)
    )
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (maal, distrikt, aar, nokkel) DO UPDATE SET antall = t.antall + EXCLUDED.antall;
END $$;

CREATE OR REPLACE FUNCTION oversikt_innsikt_endret() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM oversikt_innsikt_tell(-1, OLD, NULL);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM oversikt_innsikt_tell(1, NEW, NULL);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION oversikt_innsikt_gruppe_endret() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    i innsikt_innsikt;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT * INTO i FROM innsikt_innsikt WHERE id = OLD.innsikt_id;
        IF FOUND THEN
            PERFORM oversikt_innsikt_tell(-1, i, OLD.innbyggergruppe_id);
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT * INTO i FROM innsikt_innsikt WHERE id = NEW.innsikt_id;
        IF FOUND THEN
            PERFORM oversikt_innsikt_tell(1, i, NEW.innbyggergruppe_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER oversikt_innsikt_ny_slettet AFTER INSERT OR DELETE ON innsikt_innsikt
    FOR EACH ROW EXECUTE FUNCTION oversikt_innsikt_endret();
CREATE TRIGGER oversikt_innsikt_endret AFTER UPDATE ON innsikt_innsikt
    FOR EACH ROW WHEN (
        OLD.status IS DISTINCT FROM NEW.status OR OLD.dato IS DISTINCT FROM NEW.dato
        OR OLD.styrke IS DISTINCT FROM NEW.styrke
        OR OLD.fra_gruppen_selv IS DISTINCT FROM NEW.fra_gruppen_selv
    ) EXECUTE FUNCTION oversikt_innsikt_endret();
CREATE TRIGGER oversikt_innsikt_gruppe AFTER INSERT OR UPDATE OR DELETE
    ON innsikt_innsikt_grupper FOR EACH ROW EXECUTE FUNCTION oversikt_innsikt_gruppe_endret();
"""

# What is already there, counted once in bulk: the same cells as the triggers.
FYLL = """
WITH e AS (
    SELECT id, aar::smallint AS aar, situasjoner, hva_fungerte_ikke,
           publisert AT TIME ZONE 'Europe/Oslo' AS pub
    FROM skattekiste_eksempel WHERE status = 'publisert'
),
d AS (
    SELECT id AS eid, 0 AS distrikt FROM e
    UNION ALL SELECT l.eksempel_id, l.distrikt_id
    FROM skattekiste_eksempel_distrikter l JOIN e ON e.id = l.eksempel_id
),
k AS (
    SELECT id AS eid, 'eksempler' AS maal, aar, '' AS nokkel FROM e
    UNION ALL SELECT id, 'ikke_fungerte', aar, '' FROM e WHERE btrim(hva_fungerte_ikke) <> ''
    UNION ALL SELECT DISTINCT id, 'situasjon', aar, s FROM e, unnest(situasjoner) s
    UNION ALL SELECT id, 'maaned', extract(year FROM pub)::smallint, to_char(pub, 'MM') FROM e
    UNION ALL SELECT e.id, 'metode', e.aar, l.metode_id::text
        FROM skattekiste_eksempel_metoder l JOIN e ON e.id = l.eksempel_id
    UNION ALL SELECT e.id, 'gruppe', e.aar, l.innbyggergruppe_id::text
        FROM skattekiste_eksempel_grupper l JOIN e ON e.id = l.eksempel_id
    UNION ALL SELECT e.id, 'tema', e.aar, l.tag_id::text
        FROM skattekiste_eksempeltema l JOIN e ON e.id = l.content_object_id
)
INSERT INTO skattekiste_telling (maal, distrikt, aar, nokkel, antall)
SELECT k.maal, d.distrikt, k.aar, k.nokkel, count(*) FROM d JOIN k USING (eid) GROUP BY 1, 2, 3, 4;

WITH i AS (
    SELECT id, extract(year FROM dato)::smallint AS aar, styrke, fra_gruppen_selv
    FROM innsikt_innsikt WHERE status = 'publisert'
),
g AS (
    SELECT id AS iid, '' AS nokkel FROM i
    UNION ALL SELECT l.innsikt_id, l.innbyggergruppe_id::text
    FROM innsikt_innsikt_grupper l JOIN i ON i.id = l.innsikt_id
),
k AS (
    SELECT id AS iid, aar, 'innsikt' AS maal FROM i
    UNION ALL SELECT id, aar, 'innsikt_sterk' FROM i WHERE styrke = 3
    UNION ALL SELECT id, aar, 'innsikt_middels' FROM i WHERE styrke = 2
    UNION ALL SELECT id, aar, 'innsikt_egen' FROM i WHERE fra_gruppen_selv
)
INSERT INTO skattekiste_telling (maal, distrikt, aar, nokkel, antall)
SELECT k.maal, 0, k.aar, g.nokkel, count(*) FROM g JOIN k USING (iid) GROUP BY 1, 2, 3, 4;
"""

FJERN = """
DROP TRIGGER IF EXISTS oversikt_eksempel_ny_slettet ON skattekiste_eksempel;
DROP TRIGGER IF EXISTS oversikt_eksempel_endret ON skattekiste_eksempel;
DROP TRIGGER IF EXISTS oversikt_eksempel_distrikt ON skattekiste_eksempel_distrikter;
DROP TRIGGER IF EXISTS oversikt_eksempel_metode ON skattekiste_eksempel_metoder;
DROP TRIGGER IF EXISTS oversikt_eksempel_gruppe ON skattekiste_eksempel_grupper;
DROP TRIGGER IF EXISTS oversikt_eksempel_tema ON skattekiste_eksempeltema;
DROP TRIGGER IF EXISTS oversikt_innsikt_ny_slettet ON innsikt_innsikt;
DROP TRIGGER IF EXISTS oversikt_innsikt_endret ON innsikt_innsikt;
DROP TRIGGER IF EXISTS oversikt_innsikt_gruppe ON innsikt_innsikt_grupper;
DROP FUNCTION IF EXISTS oversikt_eksempel_lenke_endret();
DROP FUNCTION IF EXISTS oversikt_eksempel_endret();
DROP FUNCTION IF EXISTS oversikt_eksempel_tell(integer, skattekiste_eksempel, bigint, text, text);
DROP FUNCTION IF EXISTS oversikt_innsikt_gruppe_endret();
DROP FUNCTION IF EXISTS oversikt_innsikt_endret();
DROP FUNCTION IF EXISTS oversikt_innsikt_tell(integer, innsikt_innsikt, bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("skattekiste", "0017_klare_navn_og_utkast"),
        ("innsikt", "0009_publisert_indeks"),
        ("metoder", "0005_versjon"),
    ]

    operations = [
        migrations.CreateModel(
            name="Telling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "maal",
                    models.CharField(
                        choices=[
                            ("eksempler", "publiserte eksempler"),
                            ("ikke_fungerte", "eksempler som sier hva som ikke fungerte"),
                            ("situasjon", "eksempler per situasjon (nøkkel: A, B, C)"),
                            ("metode", "eksempler per metode (nøkkel: metodens id)"),
                            ("gruppe", "eksempler per innbyggergruppe (nøkkel: gruppens id)"),
                            ("tema", "eksempler per tema (nøkkel: temaets id)"),
                            ("maaned", "eksempler publisert per måned (nøkkel: 01–12)"),
                            ("innsikt", "publiserte innsikter (nøkkel: gruppens id, tom for alle)"),
                            ("innsikt_sterk", "innsikter med bredt grunnlag"),
                            ("innsikt_middels", "innsikter fra noen stemmer"),
                            ("innsikt_egen", "innsikter fra gruppens egen stemme"),
                        ],
                        max_length=20,
                    ),
                ),
                ("distrikt", models.BigIntegerField(default=0)),
                ("aar", models.SmallIntegerField(verbose_name="år")),
                ("nokkel", models.CharField(blank=True, default="", max_length=20)),
                ("antall", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "telling til oversikten",
                "verbose_name_plural": "tellinger til oversikten",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("maal", "distrikt", "aar", "nokkel"),
                        name="skattekiste_telling_unique_celle",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("antall__gte", 0)),
                        name="skattekiste_telling_antall_positivt",
                    ),
                ],
            },
        ),
        migrations.RunSQL(EKSEMPEL_TELL + INNSIKT_TELL + FYLL, reverse_sql=FJERN),
    ]
