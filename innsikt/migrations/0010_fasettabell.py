# The facet table of /innsikt/ and its pair counts, kept up to date by triggers (described in
# skattekiste/felles/fasettabell.py). The SQL is frozen text, as the module generated it when
# this migration was written: a later change to that module must not change what this
# migration did on a database that has already run it, nor on a fresh one.

from django.db import migrations

CREATE = r"""
        CREATE TABLE innsikt_fasett (
            id bigint PRIMARY KEY,
            publisert boolean NOT NULL,
            aar integer,
            dato timestamptz,
            tittel text NOT NULL,
            verdier text[] NOT NULL
        );
        CREATE INDEX innsikt_fasett_nyeste ON innsikt_fasett (aar DESC, dato DESC, id DESC) WHERE publisert;
        CREATE INDEX innsikt_fasett_tittel ON innsikt_fasett (tittel, id) WHERE publisert;
        CREATE INDEX innsikt_fasett_verdier ON innsikt_fasett USING gin (verdier) WHERE publisert;
        CREATE TABLE innsikt_fasett_par (
            a text NOT NULL,
            b text NOT NULL,
            antall integer NOT NULL,
            PRIMARY KEY (a, b)
        );

        -- The rows of `ids` as they are now; owners that are gone are removed.
        CREATE FUNCTION innsikt_fasett_oppdater(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO innsikt_fasett (id, publisert, aar, dato, tittel, verdier)
            SELECT o.id, o.status = 'publisert', extract(year FROM o.dato)::integer, o.dato::timestamptz, translate(lower(o.tittel), 'æøåäöé', '{|}{|e'),
                   ARRAY(SELECT k FROM ((SELECT 'gruppe:' || innbyggergruppe_id FROM innsikt_innsikt_grupper WHERE innsikt_id = o.id) UNION (SELECT 'behov:' || behov_id FROM innsikt_innsikt_behov WHERE innsikt_id = o.id) UNION (SELECT 'kildetype:' || k.type FROM innsikt_innsikt_kilder l JOIN innsikt_kilde k ON k.id = l.kilde_id WHERE l.innsikt_id = o.id) UNION (SELECT 'kilde:' || kilde_id FROM innsikt_innsikt_kilder WHERE innsikt_id = o.id) UNION (SELECT 'distrikt:' || distrikt_id FROM innsikt_innsikt_distrikter WHERE innsikt_id = o.id) UNION (SELECT 'aar:' || extract(year FROM o.dato)::integer)) AS nokler(k) WHERE k IS NOT NULL ORDER BY k)
            FROM innsikt_innsikt o WHERE o.id = ANY(ids)
            ORDER BY o.id
            ON CONFLICT (id) DO UPDATE SET
                publisert = EXCLUDED.publisert, aar = EXCLUDED.aar, dato = EXCLUDED.dato,
                tittel = EXCLUDED.tittel, verdier = EXCLUDED.verdier
            WHERE (innsikt_fasett.publisert, innsikt_fasett.aar, innsikt_fasett.dato, innsikt_fasett.tittel, innsikt_fasett.verdier)
                IS DISTINCT FROM (EXCLUDED.publisert, EXCLUDED.aar, EXCLUDED.dato,
                                  EXCLUDED.tittel, EXCLUDED.verdier);
            DELETE FROM innsikt_fasett f WHERE f.id = ANY(ids)
                AND NOT EXISTS (SELECT 1 FROM innsikt_innsikt o WHERE o.id = f.id);
        $$;

        -- Every pair of a row's keys, with '' for «no filter» and «all rows».
        CREATE FUNCTION innsikt_fasett_parene(verdier text[]) RETURNS TABLE (a text, b text)
        LANGUAGE sql IMMUTABLE AS $$
            WITH k AS (
                SELECT '' AS v
                UNION ALL
                SELECT v FROM unnest(verdier) v
                WHERE split_part(v, ':', 1) <> ALL(ARRAY['kilde'])
            )
            SELECT x.v, y.v FROM k x, k y WHERE x.v <> y.v OR x.v = ''
        $$;

        CREATE FUNCTION innsikt_fasett_tell() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO innsikt_fasett_par (a, b, antall)
                SELECT p.a, p.b, count(*) FROM nye r, innsikt_fasett_parene(r.verdier) p
                WHERE r.publisert GROUP BY p.a, p.b ORDER BY p.a, p.b
                ON CONFLICT (a, b) DO UPDATE SET antall = innsikt_fasett_par.antall + EXCLUDED.antall;
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO innsikt_fasett_par (a, b, antall)
                SELECT p.a, p.b, -count(*) FROM gamle r, innsikt_fasett_parene(r.verdier) p
                WHERE r.publisert GROUP BY p.a, p.b ORDER BY p.a, p.b
                ON CONFLICT (a, b) DO UPDATE SET antall = innsikt_fasett_par.antall + EXCLUDED.antall;
            ELSE
                INSERT INTO innsikt_fasett_par (a, b, antall)
                SELECT a, b, sum(d) FROM (
                    SELECT p.a, p.b, 1 AS d FROM nye r, innsikt_fasett_parene(r.verdier) p WHERE r.publisert
                    UNION ALL
                    SELECT p.a, p.b, -1 FROM gamle r, innsikt_fasett_parene(r.verdier) p WHERE r.publisert
                ) endring GROUP BY a, b HAVING sum(d) <> 0 ORDER BY a, b
                ON CONFLICT (a, b) DO UPDATE SET antall = innsikt_fasett_par.antall + EXCLUDED.antall;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER innsikt_fasett_tell_ny AFTER INSERT ON innsikt_fasett
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_tell();
        CREATE TRIGGER innsikt_fasett_tell_endret AFTER UPDATE ON innsikt_fasett
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_tell();
        CREATE TRIGGER innsikt_fasett_tell_slettet AFTER DELETE ON innsikt_fasett
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_tell();

        -- A write to the owner or a link refreshes the rows it touched.
        CREATE FUNCTION innsikt_fasett_eier() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT id FROM gamle));
            ELSE
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
        CREATE FUNCTION innsikt_fasett_tom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE innsikt_fasett, innsikt_fasett_par;
            RETURN NULL;
        END $$;
        CREATE FUNCTION innsikt_fasett_alle() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM innsikt_fasett_oppdater(ARRAY(SELECT id FROM innsikt_innsikt));
            RETURN NULL;
        END $$;
        

        CREATE TRIGGER innsikt_fasett_eier_ny AFTER INSERT ON innsikt_innsikt
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_eier();
        CREATE TRIGGER innsikt_fasett_eier_endret AFTER UPDATE ON innsikt_innsikt
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_eier();
        CREATE TRIGGER innsikt_fasett_eier_slettet AFTER DELETE ON innsikt_innsikt
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_eier();
    
CREATE TRIGGER innsikt_fasett_eier_tom AFTER TRUNCATE ON innsikt_innsikt FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_tom();

        CREATE FUNCTION innsikt_fasett_lenke0() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM nye));
            ELSE
                PERFORM innsikt_fasett_oppdater(ARRAY(
                    SELECT innsikt_id FROM gamle UNION SELECT innsikt_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER innsikt_fasett_lenke0_ny AFTER INSERT ON innsikt_innsikt_grupper
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke0();
        CREATE TRIGGER innsikt_fasett_lenke0_endret AFTER UPDATE ON innsikt_innsikt_grupper
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke0();
        CREATE TRIGGER innsikt_fasett_lenke0_slettet AFTER DELETE ON innsikt_innsikt_grupper
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke0();
    
CREATE TRIGGER innsikt_fasett_lenke0_tom AFTER TRUNCATE ON innsikt_innsikt_grupper FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_alle();

        CREATE FUNCTION innsikt_fasett_lenke1() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM nye));
            ELSE
                PERFORM innsikt_fasett_oppdater(ARRAY(
                    SELECT innsikt_id FROM gamle UNION SELECT innsikt_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER innsikt_fasett_lenke1_ny AFTER INSERT ON innsikt_innsikt_behov
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke1();
        CREATE TRIGGER innsikt_fasett_lenke1_endret AFTER UPDATE ON innsikt_innsikt_behov
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke1();
        CREATE TRIGGER innsikt_fasett_lenke1_slettet AFTER DELETE ON innsikt_innsikt_behov
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke1();
    
CREATE TRIGGER innsikt_fasett_lenke1_tom AFTER TRUNCATE ON innsikt_innsikt_behov FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_alle();

        CREATE FUNCTION innsikt_fasett_lenke2() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM nye));
            ELSE
                PERFORM innsikt_fasett_oppdater(ARRAY(
                    SELECT innsikt_id FROM gamle UNION SELECT innsikt_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER innsikt_fasett_lenke2_ny AFTER INSERT ON innsikt_innsikt_kilder
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke2();
        CREATE TRIGGER innsikt_fasett_lenke2_endret AFTER UPDATE ON innsikt_innsikt_kilder
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke2();
        CREATE TRIGGER innsikt_fasett_lenke2_slettet AFTER DELETE ON innsikt_innsikt_kilder
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke2();
    
CREATE TRIGGER innsikt_fasett_lenke2_tom AFTER TRUNCATE ON innsikt_innsikt_kilder FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_alle();

        CREATE FUNCTION innsikt_fasett_lenke3() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM innsikt_fasett_oppdater(ARRAY(SELECT DISTINCT innsikt_id FROM nye));
            ELSE
                PERFORM innsikt_fasett_oppdater(ARRAY(
                    SELECT innsikt_id FROM gamle UNION SELECT innsikt_id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    

        CREATE TRIGGER innsikt_fasett_lenke3_ny AFTER INSERT ON innsikt_innsikt_distrikter
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke3();
        CREATE TRIGGER innsikt_fasett_lenke3_endret AFTER UPDATE ON innsikt_innsikt_distrikter
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke3();
        CREATE TRIGGER innsikt_fasett_lenke3_slettet AFTER DELETE ON innsikt_innsikt_distrikter
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_lenke3();
    
CREATE TRIGGER innsikt_fasett_lenke3_tom AFTER TRUNCATE ON innsikt_innsikt_distrikter FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_alle();

            CREATE FUNCTION innsikt_fasett_kilde0() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM innsikt_fasett_oppdater(ARRAY(
                    SELECT l.innsikt_id FROM innsikt_innsikt_kilder l
                    WHERE l.kilde_id IN (SELECT id FROM nye)));
                RETURN NULL;
            END $$;
            CREATE TRIGGER innsikt_fasett_kilde0 AFTER UPDATE ON innsikt_kilde
                REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION innsikt_fasett_kilde0();
            
SELECT innsikt_fasett_oppdater(ARRAY(SELECT id FROM innsikt_innsikt));
ANALYZE innsikt_fasett; ANALYZE innsikt_fasett_par;"""

DROP = r"""DROP FUNCTION IF EXISTS innsikt_fasett_tell() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_eier() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_tom() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_alle() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_lenke0() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_lenke1() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_lenke2() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_lenke3() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_kilde0() CASCADE;
DROP FUNCTION IF EXISTS innsikt_fasett_oppdater(bigint[]);
DROP FUNCTION IF EXISTS innsikt_fasett_parene(text[]);
DROP TABLE IF EXISTS innsikt_fasett, innsikt_fasett_par;"""


class Migration(migrations.Migration):

    dependencies = [
        ('innsikt', '0009_publisert_indeks'),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
