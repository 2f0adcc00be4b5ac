"""The overview's counts (Telling) kept by statement triggers instead of row triggers.

0018 recounted one row at a time: a COPY of 100 000 link rows ran 100 000 trigger calls of
a few milliseconds each (8 minutes for half of `lag_testdata`'s example links). These
triggers see every row of a statement at once through transition tables and add up the
cells they touched in one pass, so a bulk write costs about what one row did.

What a statement adds or takes away is the same as before: each statement changes one
table, and the cells of a changed row are computed against the other tables as they are
(an example with its links now; a link with its example now). So the counts stay exact in
any order of writes, and equal to a recount (FYLL in 0018).
"""

import importlib

from django.db import migrations

# What one cell changes by; the unit every trigger hands to oversikt_juster.
TYPE = """
CREATE TYPE oversikt_celle AS (maal text, distrikt bigint, aar smallint, nokkel text, n bigint);
"""

# Adding and taking away, given cells that are each named once.
JUSTER = """
CREATE FUNCTION oversikt_juster(celler oversikt_celle[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    mangler bigint;
BEGIN
    IF coalesce(cardinality(celler), 0) = 0 THEN
        RETURN;
    END IF;
    -- Lock the cells there are in one order, so two writers never wait for each other in
    -- a circle (a deadlock).
    PERFORM 1 FROM skattekiste_telling t JOIN unnest(celler) c
        ON (t.maal, t.distrikt, t.aar, t.nokkel) = (c.maal, c.distrikt, c.aar, c.nokkel)
    ORDER BY t.maal, t.distrikt, t.aar, t.nokkel FOR UPDATE OF t;
    -- Taking away only by UPDATE: the CHECK (antall >= 0) is tested on a row to insert
    -- before ON CONFLICT. A cell that is not there means a count was wrong: fail loudly.
    WITH ned AS (SELECT c.* FROM unnest(celler) c WHERE c.n < 0),
    endret AS (
        UPDATE skattekiste_telling t SET antall = t.antall + ned.n FROM ned
        WHERE (t.maal, t.distrikt, t.aar, t.nokkel) = (ned.maal, ned.distrikt, ned.aar, ned.nokkel)
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM ned) - (SELECT count(*) FROM endret) INTO mangler;
    IF mangler > 0 THEN
        RAISE EXCEPTION 'skattekiste_telling: % celler å trekke fra finnes ikke', mangler;
    END IF;
    INSERT INTO skattekiste_telling AS t (maal, distrikt, aar, nokkel, antall)
    SELECT c.maal, c.distrikt, c.aar, c.nokkel, c.n FROM unnest(celler) c WHERE c.n > 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (maal, distrikt, aar, nokkel) DO UPDATE SET antall = t.antall + EXCLUDED.antall;
END $$;
"""

# The keys (k) of published examples and the districts (d) they count in: 0 and their own.
EKSEMPEL_KEYS = """
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
)"""
EKSEMPEL_DISTRICTS = """
d AS (
    SELECT id AS eid, 0::bigint AS distrikt FROM e
    UNION ALL SELECT l.eksempel_id, l.distrikt_id
    FROM skattekiste_eksempel_distrikter l JOIN e ON e.id = l.eksempel_id
)"""
EKSEMPEL_COLUMNS = """
    SELECT r.id, r.aar::smallint AS aar, r.situasjoner, r.hva_fungerte_ikke,
           r.publisert AT TIME ZONE 'Europe/Oslo' AS pub"""

EKSEMPEL = f"""
-- The cells of example rows (each once), with their links as they are now.
CREATE FUNCTION oversikt_eksempel_celler(rader skattekiste_eksempel[])
RETURNS SETOF oversikt_celle LANGUAGE sql AS $$
WITH e AS ({EKSEMPEL_COLUMNS}
    FROM unnest(rader) r WHERE r.status = 'publisert'
),{EKSEMPEL_DISTRICTS},{EKSEMPEL_KEYS}
SELECT k.maal, d.distrikt, k.aar, k.nokkel, count(*) FROM d JOIN k USING (eid) GROUP BY 1, 2, 3, 4
$$;

-- District links (example, district): the district's cells times the example's keys.
CREATE FUNCTION oversikt_distriktlenker_celler(eids bigint[], distrikter bigint[])
RETURNS SETOF oversikt_celle LANGUAGE sql AS $$
WITH l AS (SELECT * FROM unnest(eids, distrikter) AS p(eid, distrikt)),
e AS ({EKSEMPEL_COLUMNS}
    FROM skattekiste_eksempel r WHERE r.id = ANY(eids) AND r.status = 'publisert'
),{EKSEMPEL_KEYS}
SELECT k.maal, l.distrikt, k.aar, k.nokkel, count(*) FROM l JOIN k USING (eid) GROUP BY 1, 2, 3, 4
$$;

-- Method, group or theme links (example, key): the example's districts times that key.
CREATE FUNCTION oversikt_nokkellenker_celler(eids bigint[], nokler bigint[], hva text)
RETURNS SETOF oversikt_celle LANGUAGE sql AS $$
WITH l AS (SELECT * FROM unnest(eids, nokler) AS p(eid, nokkel)),
e AS ({EKSEMPEL_COLUMNS}
    FROM skattekiste_eksempel r WHERE r.id = ANY(eids) AND r.status = 'publisert'
),{EKSEMPEL_DISTRICTS}
SELECT hva, d.distrikt, e.aar, l.nokkel::text, count(*)
FROM l JOIN e ON e.id = l.eid JOIN d USING (eid) GROUP BY 1, 2, 3, 4
$$;

CREATE FUNCTION oversikt_eksempel_endret() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fjernet skattekiste_eksempel[] := '{{}}';
    lagt_til skattekiste_eksempel[] := '{{}}';
BEGIN
    IF TG_OP = 'INSERT' THEN
        lagt_til := ARRAY(SELECT n::skattekiste_eksempel FROM nye n WHERE n.status = 'publisert');
    ELSIF TG_OP = 'DELETE' THEN
        fjernet := ARRAY(SELECT o::skattekiste_eksempel FROM gamle o WHERE o.status = 'publisert');
    ELSE
        -- Only rows whose counted columns changed: other saves cost next to nothing.
        lagt_til := ARRAY(
            SELECT n::skattekiste_eksempel FROM nye n
            WHERE (n.status = 'publisert' OR EXISTS (
                SELECT 1 FROM gamle o WHERE o.id = n.id AND o.status = 'publisert'))
            AND NOT EXISTS (
                SELECT 1 FROM gamle o WHERE o.id = n.id
                AND (o.status, o.aar, o.situasjoner, o.publisert, btrim(o.hva_fungerte_ikke) = '')
                    IS NOT DISTINCT FROM
                    (n.status, n.aar, n.situasjoner, n.publisert, btrim(n.hva_fungerte_ikke) = '')));
        fjernet := ARRAY(
            SELECT o::skattekiste_eksempel FROM gamle o
            WHERE o.status = 'publisert' AND NOT EXISTS (
                SELECT 1 FROM nye n WHERE n.id = o.id
                AND (o.status, o.aar, o.situasjoner, o.publisert, btrim(o.hva_fungerte_ikke) = '')
                    IS NOT DISTINCT FROM
                    (n.status, n.aar, n.situasjoner, n.publisert, btrim(n.hva_fungerte_ikke) = '')));
    END IF;
    IF cardinality(fjernet) + cardinality(lagt_til) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM oversikt_juster(ARRAY(
        SELECT ROW(c.maal, c.distrikt, c.aar, c.nokkel, sum(c.n)::bigint)::oversikt_celle
        FROM (
            SELECT * FROM oversikt_eksempel_celler(lagt_til)
            UNION ALL
            SELECT x.maal, x.distrikt, x.aar, x.nokkel, -x.n FROM oversikt_eksempel_celler(fjernet) x
        ) c
        GROUP BY c.maal, c.distrikt, c.aar, c.nokkel HAVING sum(c.n) <> 0));
    RETURN NULL;
END $$;
"""


def _link_function(table, example_column, other_column, kind):
    """The trigger function of one link table: its rows as (example, other) pairs."""
    if kind == "distrikt":
        cells = "oversikt_distriktlenker_celler(eids, andre)"
    else:
        cells = f"oversikt_nokkellenker_celler(eids, andre, '{kind}')"
    return f"""
CREATE FUNCTION oversikt_{kind}lenke_endret() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    eids bigint[];
    andre bigint[];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT array_agg(x.{example_column}), array_agg(x.{other_column}) INTO eids, andre
        FROM gamle x;
        PERFORM oversikt_juster(ARRAY(
            SELECT ROW(c.maal, c.distrikt, c.aar, c.nokkel, -c.n)::oversikt_celle
            FROM {cells} c));
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT array_agg(x.{example_column}), array_agg(x.{other_column}) INTO eids, andre
        FROM nye x;
        PERFORM oversikt_juster(ARRAY(SELECT c FROM {cells} c));
    END IF;
    RETURN NULL;
END $$;
"""


LINKS = [
    ("skattekiste_eksempel_distrikter", "eksempel_id", "distrikt_id", "distrikt"),
    ("skattekiste_eksempel_metoder", "eksempel_id", "metode_id", "metode"),
    ("skattekiste_eksempel_grupper", "eksempel_id", "innbyggergruppe_id", "gruppe"),
    ("skattekiste_eksempeltema", "content_object_id", "tag_id", "tema"),
]

INNSIKT_KEYS = """
k AS (
    SELECT id AS iid, aar, 'innsikt' AS maal FROM i
    UNION ALL SELECT id, aar, 'innsikt_sterk' FROM i WHERE styrke = 3
    UNION ALL SELECT id, aar, 'innsikt_middels' FROM i WHERE styrke = 2
    UNION ALL SELECT id, aar, 'innsikt_egen' FROM i WHERE fra_gruppen_selv
)"""
INNSIKT_COLUMNS = """
    SELECT r.id, extract(year FROM r.dato)::smallint AS aar, r.styrke, r.fra_gruppen_selv"""

INNSIKT = f"""
-- Insights count once without a group (nokkel '') and once per group, by their date's year.
CREATE FUNCTION oversikt_innsikt_celler(rader innsikt_innsikt[])
RETURNS SETOF oversikt_celle LANGUAGE sql AS $$
WITH i AS ({INNSIKT_COLUMNS}
    FROM unnest(rader) r WHERE r.status = 'publisert'
),
g AS (
    SELECT id AS iid, '' AS nokkel FROM i
    UNION ALL SELECT l.innsikt_id, l.innbyggergruppe_id::text
    FROM innsikt_innsikt_grupper l JOIN i ON i.id = l.innsikt_id
),{INNSIKT_KEYS}
SELECT k.maal, 0::bigint, k.aar, g.nokkel, count(*) FROM g JOIN k USING (iid) GROUP BY 1, 2, 3, 4
$$;

CREATE FUNCTION oversikt_innsiktgrupper_celler(iids bigint[], grupper bigint[])
RETURNS SETOF oversikt_celle LANGUAGE sql AS $$
WITH l AS (SELECT * FROM unnest(iids, grupper) AS p(iid, gruppe)),
i AS ({INNSIKT_COLUMNS}
    FROM innsikt_innsikt r WHERE r.id = ANY(iids) AND r.status = 'publisert'
),{INNSIKT_KEYS}
SELECT k.maal, 0::bigint, k.aar, l.gruppe::text, count(*) FROM l JOIN k USING (iid)
GROUP BY 1, 2, 3, 4
$$;

CREATE FUNCTION oversikt_innsikt_endret() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fjernet innsikt_innsikt[] := '{{}}';
    lagt_til innsikt_innsikt[] := '{{}}';
BEGIN
    IF TG_OP = 'INSERT' THEN
        lagt_til := ARRAY(SELECT n::innsikt_innsikt FROM nye n WHERE n.status = 'publisert');
    ELSIF TG_OP = 'DELETE' THEN
        fjernet := ARRAY(SELECT o::innsikt_innsikt FROM gamle o WHERE o.status = 'publisert');
    ELSE
        lagt_til := ARRAY(
            SELECT n::innsikt_innsikt FROM nye n
            WHERE (n.status = 'publisert' OR EXISTS (
                SELECT 1 FROM gamle o WHERE o.id = n.id AND o.status = 'publisert'))
            AND NOT EXISTS (
                SELECT 1 FROM gamle o WHERE o.id = n.id
                AND (o.status, o.dato, o.styrke, o.fra_gruppen_selv)
                    IS NOT DISTINCT FROM (n.status, n.dato, n.styrke, n.fra_gruppen_selv)));
        fjernet := ARRAY(
            SELECT o::innsikt_innsikt FROM gamle o
            WHERE o.status = 'publisert' AND NOT EXISTS (
                SELECT 1 FROM nye n WHERE n.id = o.id
                AND (o.status, o.dato, o.styrke, o.fra_gruppen_selv)
                    IS NOT DISTINCT FROM (n.status, n.dato, n.styrke, n.fra_gruppen_selv)));
    END IF;
    IF cardinality(fjernet) + cardinality(lagt_til) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM oversikt_juster(ARRAY(
        SELECT ROW(c.maal, c.distrikt, c.aar, c.nokkel, sum(c.n)::bigint)::oversikt_celle
        FROM (
            SELECT * FROM oversikt_innsikt_celler(lagt_til)
            UNION ALL
            SELECT x.maal, x.distrikt, x.aar, x.nokkel, -x.n FROM oversikt_innsikt_celler(fjernet) x
        ) c
        GROUP BY c.maal, c.distrikt, c.aar, c.nokkel HAVING sum(c.n) <> 0));
    RETURN NULL;
END $$;

CREATE FUNCTION oversikt_innsiktgruppe_endret() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    iids bigint[];
    grupper bigint[];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT array_agg(x.innsikt_id), array_agg(x.innbyggergruppe_id) INTO iids, grupper
        FROM gamle x;
        PERFORM oversikt_juster(ARRAY(
            SELECT ROW(c.maal, c.distrikt, c.aar, c.nokkel, -c.n)::oversikt_celle
            FROM oversikt_innsiktgrupper_celler(iids, grupper) c));
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT array_agg(x.innsikt_id), array_agg(x.innbyggergruppe_id) INTO iids, grupper
        FROM nye x;
        PERFORM oversikt_juster(ARRAY(SELECT c FROM oversikt_innsiktgrupper_celler(iids, grupper) c));
    END IF;
    RETURN NULL;
END $$;
"""

TRANSITIONS = {
    "INSERT": "NEW TABLE AS nye",
    "DELETE": "OLD TABLE AS gamle",
    "UPDATE": "OLD TABLE AS gamle NEW TABLE AS nye",
}
TABLES = {
    "skattekiste_eksempel": "oversikt_eksempel_endret",
    **{table: f"oversikt_{kind}lenke_endret" for table, _, _, kind in LINKS},
    "innsikt_innsikt": "oversikt_innsikt_endret",
    "innsikt_innsikt_grupper": "oversikt_innsiktgruppe_endret",
}
TRIGGERS = "\n".join(
    f"CREATE TRIGGER {function}_{event.lower()} AFTER {event} ON {table}"
    f" REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
    for table, function in TABLES.items()
    for event, transition in TRANSITIONS.items()
)

# TRUNCATE fires no row or transition triggers: count everything again (0018's FYLL).
TRUNCATE = """
CREATE FUNCTION oversikt_tell_alt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM skattekiste_telling;
    {fyll}
    RETURN NULL;
END $$;
"""


def _old():
    """0018's SQL: frozen text in a migration, so reading it here stays the same."""
    return importlib.import_module("skattekiste.migrations.0018_oversikt_telling")


def forwards_sql():
    old = _old()
    truncate = TRUNCATE.replace("{fyll}", old.FYLL)
    truncate += "\n".join(
        f"CREATE TRIGGER oversikt_tell_alt_tom AFTER TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION oversikt_tell_alt();"
        for table in TABLES
    )
    links = "".join(_link_function(*link) for link in LINKS)
    return old.FJERN + TYPE + JUSTER + EKSEMPEL + links + INNSIKT + TRIGGERS + truncate


def backwards_sql():
    drops = [
        f"DROP TRIGGER {function}_{event.lower()} ON {table};"
        for table, function in TABLES.items()
        for event in TRANSITIONS
    ]
    drops += [f"DROP TRIGGER oversikt_tell_alt_tom ON {table};" for table in TABLES]
    drops += [f"DROP FUNCTION {function}();" for function in set(TABLES.values())]
    drops += [
        "DROP FUNCTION oversikt_tell_alt();",
        "DROP FUNCTION oversikt_eksempel_celler(skattekiste_eksempel[]);",
        "DROP FUNCTION oversikt_distriktlenker_celler(bigint[], bigint[]);",
        "DROP FUNCTION oversikt_nokkellenker_celler(bigint[], bigint[], text);",
        "DROP FUNCTION oversikt_innsikt_celler(innsikt_innsikt[]);",
        "DROP FUNCTION oversikt_innsiktgrupper_celler(bigint[], bigint[]);",
        "DROP FUNCTION oversikt_juster(oversikt_celle[]);",
        "DROP TYPE oversikt_celle;",
    ]
    old = _old()
    return "\n".join(drops) + old.EKSEMPEL_TELL + old.INNSIKT_TELL


class Migration(migrations.Migration):
    dependencies = [
        ("skattekiste", "0020_nyeste_eksempler_indekser"),
        ("innsikt", "0014_gruppefunn"),
    ]

    operations = [
        migrations.RunSQL(forwards_sql(), backwards_sql()),
    ]
