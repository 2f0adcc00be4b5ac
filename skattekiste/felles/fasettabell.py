"""Facet tables kept up to date by PostgreSQL triggers, so list pages never count 200 000 rows.

For a list model (the owner) two tables are created in a migration:

- `<navn>` holds one row per owner row: published or not, its sort keys, and its facet
  values as keys («gruppe:31», «situasjon:A», «aar:2022») in one indexed text array;
- `<navn>_par` holds, for every pair of keys (a, b), how many published rows carry both.
  a = '' means «no filter», b = '' means «all rows»: ('', '') is the number of published
  rows, ('', 'gruppe:31') a facet count, ('gruppe:31', 'behov:5') a count under one filter.

Triggers on the owner table, its link tables and the tables the keys come from keep both
up to date on every write: the admin, the ORM, bulk_create, loaddata, COPY and TRUNCATE.
The triggers are per statement, with transition tables, so a bulk insert costs one pass.

`create_sql` writes the SQL for a new facet table: paste its output into the new migration
as text (as skattekiste/0013 and innsikt/0010 hold theirs), never call it from a migration,
so that a later change here never changes what an old migration does.
"""

# Table and column names in the SQL come from code; every value from a request is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass, field

from django.db import connection


@dataclass(frozen=True)
class Link:
    """A link table whose rows carry keys of the owner; `owner_column` is the owner's id."""

    table: str
    owner_column: str


@dataclass(frozen=True)
class Source:
    """A table whose column feeds the keys of owners through a link (a source's type)."""

    table: str
    link_table: str
    link_column: str
    owner_column: str


@dataclass(frozen=True)
class FacetTable:
    navn: str
    owner: str
    published: str  # SQL over o.*: is the row published?
    year: str  # SQL over o.*: the year (newest first sorts by year, then date)
    date: str  # SQL over o.*: the date or time within the year
    keys: list[str]  # SQL queries over o.* giving text keys, UNIONed
    links: list[Link] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)  # key prefixes left out of the pairs


# The example list's facet table (migration skattekiste/0013_eksempel_fasettabell). Its pair
# counts without a filter also serve the home page and the method cards.
EKSEMPLER = "skattekiste_eksempel_fasett"

# Titles sort as in Norwegian: case-blind, æ, ø, å after z.
TITLE_SORT = "translate(lower(o.tittel), 'æøåäöé', '{|}{|e')"


def create_sql(t: FacetTable) -> str:
    n, owner = t.navn, t.owner
    keys = " UNION ".join(f"({query})" for query in t.keys)
    unpaired = ", ".join(f"'{prefix}'" for prefix in t.unpaired) or "''"
    statements = [
        f"""
        CREATE TABLE {n} (
            id bigint PRIMARY KEY,
            publisert boolean NOT NULL,
            aar integer,
            dato timestamptz,
            tittel text NOT NULL,
            verdier text[] NOT NULL
        );
        CREATE INDEX {n}_nyeste ON {n} (aar DESC, dato DESC, id DESC) WHERE publisert;
        CREATE INDEX {n}_tittel ON {n} (tittel, id) WHERE publisert;
        CREATE INDEX {n}_verdier ON {n} USING gin (verdier) WHERE publisert;
        CREATE TABLE {n}_par (
            a text NOT NULL,
            b text NOT NULL,
            antall integer NOT NULL,
            PRIMARY KEY (a, b)
        );

        -- The rows of `ids` as they are now; owners that are gone are removed.
        CREATE FUNCTION {n}_oppdater(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO {n} (id, publisert, aar, dato, tittel, verdier)
            SELECT o.id, {t.published}, {t.year}, {t.date}, {TITLE_SORT},
                   ARRAY(SELECT k FROM ({keys}) AS nokler(k) WHERE k IS NOT NULL ORDER BY k)
            FROM {owner} o WHERE o.id = ANY(ids)
            ORDER BY o.id
            ON CONFLICT (id) DO UPDATE SET
                publisert = EXCLUDED.publisert, aar = EXCLUDED.aar, dato = EXCLUDED.dato,
                tittel = EXCLUDED.tittel, verdier = EXCLUDED.verdier
            WHERE ({n}.publisert, {n}.aar, {n}.dato, {n}.tittel, {n}.verdier)
                IS DISTINCT FROM (EXCLUDED.publisert, EXCLUDED.aar, EXCLUDED.dato,
                                  EXCLUDED.tittel, EXCLUDED.verdier);
            DELETE FROM {n} f WHERE f.id = ANY(ids)
                AND NOT EXISTS (SELECT 1 FROM {owner} o WHERE o.id = f.id);
        $$;

        -- Every pair of a row's keys, with '' for «no filter» and «all rows».
        CREATE FUNCTION {n}_parene(verdier text[]) RETURNS TABLE (a text, b text)
        LANGUAGE sql IMMUTABLE AS $$
            WITH k AS (
                SELECT '' AS v
                UNION ALL
                SELECT v FROM unnest(verdier) v
                WHERE split_part(v, ':', 1) <> ALL(ARRAY[{unpaired}])
            )
            SELECT x.v, y.v FROM k x, k y WHERE x.v <> y.v OR x.v = ''
        $$;

        CREATE FUNCTION {n}_tell() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO {n}_par (a, b, antall)
                SELECT p.a, p.b, count(*) FROM nye r, {n}_parene(r.verdier) p
                WHERE r.publisert GROUP BY p.a, p.b ORDER BY p.a, p.b
                ON CONFLICT (a, b) DO UPDATE SET antall = {n}_par.antall + EXCLUDED.antall;
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO {n}_par (a, b, antall)
                SELECT p.a, p.b, -count(*) FROM gamle r, {n}_parene(r.verdier) p
                WHERE r.publisert GROUP BY p.a, p.b ORDER BY p.a, p.b
                ON CONFLICT (a, b) DO UPDATE SET antall = {n}_par.antall + EXCLUDED.antall;
            ELSE
                INSERT INTO {n}_par (a, b, antall)
                SELECT a, b, sum(d) FROM (
                    SELECT p.a, p.b, 1 AS d FROM nye r, {n}_parene(r.verdier) p WHERE r.publisert
                    UNION ALL
                    SELECT p.a, p.b, -1 FROM gamle r, {n}_parene(r.verdier) p WHERE r.publisert
                ) endring GROUP BY a, b HAVING sum(d) <> 0 ORDER BY a, b
                ON CONFLICT (a, b) DO UPDATE SET antall = {n}_par.antall + EXCLUDED.antall;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER {n}_tell_ny AFTER INSERT ON {n}
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION {n}_tell();
        CREATE TRIGGER {n}_tell_endret AFTER UPDATE ON {n}
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION {n}_tell();
        CREATE TRIGGER {n}_tell_slettet AFTER DELETE ON {n}
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION {n}_tell();

        -- A write to the owner or a link refreshes the rows it touched.
        CREATE FUNCTION {n}_eier() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM {n}_oppdater(ARRAY(SELECT id FROM gamle));
            ELSE
                PERFORM {n}_oppdater(ARRAY(SELECT id FROM nye));
            END IF;
            RETURN NULL;
        END $$;
        CREATE FUNCTION {n}_tom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE {n}, {n}_par;
            RETURN NULL;
        END $$;
        CREATE FUNCTION {n}_alle() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM {n}_oppdater(ARRAY(SELECT id FROM {owner}));
            RETURN NULL;
        END $$;
        """
    ]
    statements.append(_triggers(n, owner, "id", f"{n}_eier", "eier"))
    statements.append(
        f"CREATE TRIGGER {n}_eier_tom AFTER TRUNCATE ON {owner} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {n}_tom();"
    )
    for index, link in enumerate(t.links):
        function = f"{n}_lenke{index}"
        statements.append(_link_function(n, function, link.owner_column))
        statements.append(_triggers(n, link.table, link.owner_column, function, f"lenke{index}"))
        statements.append(
            f"CREATE TRIGGER {n}_lenke{index}_tom AFTER TRUNCATE ON {link.table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {n}_alle();"
        )
    for index, source in enumerate(t.sources):
        function = f"{n}_kilde{index}"
        statements.append(
            f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM {n}_oppdater(ARRAY(
                    SELECT l.{source.owner_column} FROM {source.link_table} l
                    WHERE l.{source.link_column} IN (SELECT id FROM nye)));
                RETURN NULL;
            END $$;
            CREATE TRIGGER {function} AFTER UPDATE ON {source.table}
                REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            """
        )
    statements.append(f"SELECT {n}_oppdater(ARRAY(SELECT id FROM {owner}));")
    statements.append(f"ANALYZE {n}; ANALYZE {n}_par;")
    return "\n".join(statements)


def _link_function(n: str, function: str, column: str) -> str:
    return f"""
        CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM {n}_oppdater(ARRAY(SELECT DISTINCT {column} FROM gamle));
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM {n}_oppdater(ARRAY(SELECT DISTINCT {column} FROM nye));
            ELSE
                PERFORM {n}_oppdater(ARRAY(
                    SELECT {column} FROM gamle UNION SELECT {column} FROM nye));
            END IF;
            RETURN NULL;
        END $$;
    """


def _triggers(n: str, table: str, column: str, function: str, label: str) -> str:
    return f"""
        CREATE TRIGGER {n}_{label}_ny AFTER INSERT ON {table}
            REFERENCING NEW TABLE AS nye FOR EACH STATEMENT EXECUTE FUNCTION {function}();
        CREATE TRIGGER {n}_{label}_endret AFTER UPDATE ON {table}
            REFERENCING OLD TABLE AS gamle NEW TABLE AS nye
            FOR EACH STATEMENT EXECUTE FUNCTION {function}();
        CREATE TRIGGER {n}_{label}_slettet AFTER DELETE ON {table}
            REFERENCING OLD TABLE AS gamle FOR EACH STATEMENT EXECUTE FUNCTION {function}();
    """


def drop_sql(t: FacetTable) -> str:
    n = t.navn
    functions = [f"{n}_tell", f"{n}_eier", f"{n}_tom", f"{n}_alle"]
    functions += [f"{n}_lenke{i}" for i in range(len(t.links))]
    functions += [f"{n}_kilde{i}" for i in range(len(t.sources))]
    drops = [f"DROP FUNCTION IF EXISTS {f}() CASCADE;" for f in functions]
    return "\n".join(
        [
            *drops,
            f"DROP FUNCTION IF EXISTS {n}_oppdater(bigint[]);",
            f"DROP FUNCTION IF EXISTS {n}_parene(text[]);",
            f"DROP TABLE IF EXISTS {n}, {n}_par;",
        ]
    )


def unfiltered_counts(table: str, *, keys=(), prefixes=()) -> dict[str, int]:
    """Published rows with no filter, from the pair table: {"": all, key: n, …}, for the
    `keys` given and every key starting with one of `prefixes` («tema:»). One indexed read."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT b, antall FROM {table}_par WHERE a = '' AND antall > 0 "
            "AND (b = '' OR b = ANY(%s) OR b LIKE ANY(%s))",
            [list(keys), [f"{prefix}%" for prefix in prefixes]],
        )
        return dict(cursor.fetchall())
