# The facet table of /eksempler/ and its pair counts, kept up to date by triggers (described in
# skattekiste/felles/fasettabell.py). The SQL is frozen text, as the module generated it when
# this migration was written: a later change to that module must not change what this
# migration did on a database that has already run it, nor on a fresh one.

from django.db import migrations

CREATE = r"""
        CREATE TABLE skattekiste_eksempel_fasett (
            id bigint PRIMARY KEY,
            publisert boolean NOT NULL,
            aar integer,
            dato timestamptz,
            tittel text NOT NULL,
            verdier text[] NOT NULL
        );
        CREATE INDEX skattekiste_eksempel_fasett_nyeste ON skattekiste_eksempel_fasett (aar DESC, dato DESC, id DESC) WHERE publisert;
        CREATE INDEX skattekiste_eksempel_fasett_tittel ON skattekiste_eksempel_fasett (tittel, id) WHERE publisert;
        CREATE INDEX skattekiste_eksempel_fasett_verdier ON skattekiste_eksempel_fasett USING gin (verdier) WHERE publisert;
        CREATE TABLE skattekiste_eksempel_fasett_par (
            a text NOT NULL,
            b text NOT NULL,
            antall integer NOT NULL,
            PRIMARY KEY (a, b)
        );

        -- The rows of `ids` as they are now; owners that are gone are removed.
        CREATE FUNCTION skattekiste_eksempel_fasett_oppdater(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO skattekiste_eksempel_fasett (id, publisert, aar, dato, tittel, verdier)
            SELECT o.id, o.status = 'publisert', o.aar, o.publisert, translate(lower(o.tittel), 'æøåäöé', '{|}{|e'),
                   ARRAY(SELECT k FROM ((SELECT 'tema:' || tag_id FROM skattekiste_eksempeltema WHERE content_object_id = o.id) UNION (SELECT 'situasjon:' || s FROM unnest(o.situasjoner) s) UNION (SELECT 'distrikt:' || distrikt_id FROM skattekiste_eksempel_distrikter WHERE eksempel_id = o.id) UNION (SELECT 'gruppe:' || innbyggergruppe_id FROM skattekiste_eksempel_grupper WHERE eksempel_id = o.id) UNION (SELECT 'metode:' || metode_id FROM skattekiste_eksempel_metoder WHERE eksempel_id = o.id) UNION (SELECT 'aar:' || o.aar)) AS nokler(k) WHERE k IS NOT NULL ORDER BY k)
            FROM skattekiste_eksempel o WHERE o.id = ANY(ids)
            ORDER BY o.id
            ON CONFLICT (id) DO UPDATE SET
                publisert = EXCLUDED.publisert, aar = EXCLUDED.aar, dato = EXCLUDED.dato,
                tittel = EXCLUDED.tittel, verdier = EXCLUDED.verdier
            WHERE (skattekiste_eksempel_fasett.publisert, skattekiste_eksempel_fasett.aar, skattekiste_eksempel_fasett.dato, skattekiste_eksempel_fasett.tittel, skattekiste_eksempel_fasett.verdier)
                IS DISTINCT FROM (EXCLUDED.publisert, EXCLUDED.aar, EXCLUDED.dato,
                                  EXCLUDED.tittel, EXCLUDED.verdier);
            DELETE FROM skattekiste_eksempel_fasett f WHERE f.id = ANY(ids)
                AND NOT EXISTS (SELECT 1 FROM skattekiste_eksempel o WHERE o.id = f.id);
        $$;

        -- Every pair of a row's keys, with '' for «no filter» and «all rows».
        CREATE FUNCTION skattekiste_eksempel_fasett_parene(verdier text[]) RETURNS TABLE (a text, b text)
        LANGUAGE sql IMMUTABLE AS $$
            WITH k AS (
                SELECT '' AS v
                UNION ALL
                SELECT v FROM unnest(verdier) v
                WHERE split_part(v, ':', 1) <> ALL(ARRAY[''])
            )
            SELECT x.v, y.v FROM k x, k y WHERE x.v <> y.v OR x.v = ''
        $$;

        CREATE FUNCTION skattekiste_eksempel_fasett_tell() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO skattekiste_eksempel_fasett_par (a, b, antall)
                SELECT p.a, p.b, count(*) FROM nye r, skattekiste_eksempel_fasett_parene(r.verdier) p
                WHERE r.publisert GROUP BY p.a, p.b ORDER BY p.a, p.b
                ON CONFLICT (a, b) DO UPDATE SET antall = skattekiste_eksempel_fasett_par.antall + EXCLUDED.antall;
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO skattekiste_eksempel_fasett_par (a, b, antall)
                SELECT p.a, p.b, -count(*) FROM gamle r, skattekiste_eksempel_fasett_parene(r.verdier) p
                WHERE r.publisert GROUP BY p.a, p.b ORDER BY p.a, p.b
                ON CONFLICT (a, b) DO UPDATE SET antall = skattekiste_eksempel_fasett_par.antall + EXCLUDED.antall;
            ELSE
                INSERT INTO skattekiste_eksempel_fasett_par (a, b, antall)
                SELECT a, b, sum(d) FROM (
                    SELECT p.a, p.b, 1 AS d FROM nye r, skattekiste_eksempel_fasett_parene(r.verdier) p WHERE r.publisert
                    UNION ALL
                    SELECT p.a, p.b, -1 FROM gamle r, skattekiste_eksempel_fasett_parene(r.verdier) p WHERE r.publisert
                ) endring GROUP BY a, b HAVING sum(d) <> 0 ORDER BY a, b
                ON CONFLICT (a, b) DO UPDATE SET antall = skattekiste_eksempel_fasett_par.antall + EXCLUDED.antall;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER skattekiste_eksempel_fasett_tell_ny AFTER INSERT ON skattekiste_eksempel_fasett
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_tell();
        CREATE TRIGGER skattekiste_eksempel_fasett_tell_endret AFTER UPDATE ON skattekiste_eksempel_fasett
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_tell();
        CREATE TRIGGER skattekiste_eksempel_fasett_tell_slettet AFTER DELETE ON skattekiste_eksempel_fasett
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_tell();

        -- A write to the owner or a link refreshes the rows it touched.
        CREATE FUNCTION skattekiste_eksempel_fasett_eier() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT id FROM gamle));
            ELSE
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
        CREATE FUNCTION skattekiste_eksempel_fasett_tom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE skattekiste_eksempel_fasett, skattekiste_eksempel_fasett_par;
            RETURN NULL;
        END $$;
        CREATE FUNCTION skattekiste_eksempel_fasett_alle() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT id FROM skattekiste_eksempel));
            RETURN NULL;
        END $$;
        

        CREATE TRIGGER skattekiste_eksempel_fasett_eier_ny AFTER INSERT ON skattekiste_eksempel
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_eier();
        CREATE TRIGGER skattekiste_eksempel_fasett_eier_endret AFTER UPDATE ON skattekiste_eksempel
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_eier();
        CREATE TRIGGER skattekiste_eksempel_fasett_eier_slettet AFTER DELETE ON skattekiste_eksempel
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_eier();
    
CREATE TRIGGER skattekiste_eksempel_fasett_eier_tom AFTER TRUNCATE ON skattekiste_eksempel FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_tom();

        CREATE FUNCTION skattekiste_eksempel_fasett_lenke0() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT content_object_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT content_object_id FROM nye));
            ELSE
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(
                    SELECT content_object_id FROM gamle UNION SELECT content_object_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER skattekiste_eksempel_fasett_lenke0_ny AFTER INSERT ON skattekiste_eksempeltema
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke0();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke0_endret AFTER UPDATE ON skattekiste_eksempeltema
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke0();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke0_slettet AFTER DELETE ON skattekiste_eksempeltema
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke0();
    
CREATE TRIGGER skattekiste_eksempel_fasett_lenke0_tom AFTER TRUNCATE ON skattekiste_eksempeltema FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_alle();

        CREATE FUNCTION skattekiste_eksempel_fasett_lenke1() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT eksempel_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT eksempel_id FROM nye));
            ELSE
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(
                    SELECT eksempel_id FROM gamle UNION SELECT eksempel_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER skattekiste_eksempel_fasett_lenke1_ny AFTER INSERT ON skattekiste_eksempel_distrikter
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke1();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke1_endret AFTER UPDATE ON skattekiste_eksempel_distrikter
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke1();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke1_slettet AFTER DELETE ON skattekiste_eksempel_distrikter
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke1();
    
CREATE TRIGGER skattekiste_eksempel_fasett_lenke1_tom AFTER TRUNCATE ON skattekiste_eksempel_distrikter FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_alle();

        CREATE FUNCTION skattekiste_eksempel_fasett_lenke2() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT eksempel_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT eksempel_id FROM nye));
            ELSE
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(
                    SELECT eksempel_id FROM gamle UNION SELECT eksempel_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER skattekiste_eksempel_fasett_lenke2_ny AFTER INSERT ON skattekiste_eksempel_grupper
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke2();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke2_endret AFTER UPDATE ON skattekiste_eksempel_grupper
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke2();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke2_slettet AFTER DELETE ON skattekiste_eksempel_grupper
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke2();
    
CREATE TRIGGER skattekiste_eksempel_fasett_lenke2_tom AFTER TRUNCATE ON skattekiste_eksempel_grupper FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_alle();

        CREATE FUNCTION skattekiste_eksempel_fasett_lenke3() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT eksempel_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT DISTINCT eksempel_id FROM nye));
            ELSE
                PERFORM skattekiste_eksempel_fasett_oppdater(ARRAY(
                    SELECT eksempel_id FROM gamle UNION SELECT eksempel_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER skattekiste_eksempel_fasett_lenke3_ny AFTER INSERT ON skattekiste_eksempel_metoder
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke3();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke3_endret AFTER UPDATE ON skattekiste_eksempel_metoder
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke3();
        CREATE TRIGGER skattekiste_eksempel_fasett_lenke3_slettet AFTER DELETE ON skattekiste_eksempel_metoder
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_lenke3();
    
CREATE TRIGGER skattekiste_eksempel_fasett_lenke3_tom AFTER TRUNCATE ON skattekiste_eksempel_metoder FOR EACH STATEMENT EXECUTE FUNCTION skattekiste_eksempel_fasett_alle();
SELECT skattekiste_eksempel_fasett_oppdater(ARRAY(SELECT id FROM skattekiste_eksempel));
ANALYZE skattekiste_eksempel_fasett; ANALYZE skattekiste_eksempel_fasett_par;"""

DROP = r"""DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_tell() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_eier() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_tom() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_alle() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_lenke0() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_lenke1() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_lenke2() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_lenke3() CASCADE;
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_oppdater(bigint[]);
DROP FUNCTION IF EXISTS skattekiste_eksempel_fasett_parene(text[]);
DROP TABLE IF EXISTS skattekiste_eksempel_fasett, skattekiste_eksempel_fasett_par;"""


class Migration(migrations.Migration):

    dependencies = [
        ('skattekiste', '0012_postgres_utvidelser'),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
