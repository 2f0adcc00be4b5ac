"""make backup / make restore: a dump restored into a fresh database holds every row of every table.

pg_dump reads over its own connection, so the content is committed (a transactional test),
and the restore goes into a database of its own on the same server, dropped afterwards.
"""

import psycopg
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from innsikt.models import Innsikt
from metoder.models import Metode
from skattekiste.bidra.models import Utkast
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.roles import REDAKSJON, assign_redaksjon_permissions
from skattekiste.oppsett.sikkerhetskopi import is_empty
from skattekiste.planer.models import Planpunkt
from skattekiste.planer.workflows import create_plan

pytestmark = pytest.mark.django_db(transaction=True)

COPY = "test_skattekiste_gjenopprettet"

TABLES = """
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
"""
ROWS = sql.SQL(
    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
)
SEQUENCES = (
    "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"
)


def connect(name: str):
    s = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        user=s.get("USER") or None,
        password=s.get("PASSWORD") or None,
        host=s.get("HOST") or None,
        port=s.get("PORT") or None,
        autocommit=True,
    )


def snapshot(name: str) -> dict:
    """Every table's rows (count and a digest of all of them, in order) and every sequence."""
    with connect(name) as conn:
        tables = [row[0] for row in conn.execute(TABLES)]
        result = {}
        for table in tables:
            result[table] = conn.execute(ROWS.format(sql.Identifier(table))).fetchone()
        for (sequence,) in conn.execute(SEQUENCES).fetchall():
            query = sql.SQL("SELECT last_value, is_called FROM {}").format(sql.Identifier(sequence))
            result[f"sekvens {sequence}"] = conn.execute(query).fetchone()
    return result


@pytest.fixture
def fresh_database():
    with connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{COPY}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{COPY}"')
    yield COPY
    with connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{COPY}" WITH (FORCE)')


@pytest.fixture
def content(seeded, make_innsikt, make_innsending, make_user, employee, editor_group):
    """The seed content (method cards, insights, groups) and examples, history, users, a draft,
    a plan with its checklist."""
    make_innsikt(tittel="Eldre vil møte politiet der de er")
    eksempel = make_innsending(tittel="Kaffe med politiet på Skei")
    eksempel.tittel = "Kaffe med politiet på Skei torg"
    eksempel.save()  # a second history row
    make_user(username="redaktor2", is_staff=True).groups.add(editor_group)
    Utkast.objects.create(eier=employee, tittel="Halvferdig", data={"tittel": "Halvferdig"})
    create_plan(eier=employee, tittel="Dialogmøte på Skei", metoder=Metode.objects.all()[:2])
    assert Eksempel.history.count() >= 2 and Innsikt.objects.exists()
    assert Planpunkt.objects.exists()


@pytest.fixture
def editor_group():
    # Transactional tests flush the tables, and with them the group the data migration made.
    assign_redaksjon_permissions()
    return Group.objects.get(name=REDAKSJON)


def test_a_backup_restored_into_a_fresh_database_has_every_row_of_every_table(
    content, fresh_database, tmp_path
):
    call_command("backup", "--mappe", str(tmp_path), verbosity=0)
    [dump] = tmp_path.glob("*.dump")
    assert dump.name.startswith(connection.settings_dict["NAME"] + "-20")
    assert dump.stat().st_mode & 0o077 == 0  # only the owner reads it: it holds personal data

    call_command("restore", str(dump), "--database", fresh_database, verbosity=0)

    original = snapshot(connection.settings_dict["NAME"])
    assert len(original) > 40 and original["skattekiste_eksempel"][0] > 0
    assert snapshot(fresh_database) == original


def test_restore_refuses_a_database_that_is_not_empty_unless_asked(
    content, fresh_database, tmp_path
):
    call_command("backup", "--mappe", str(tmp_path), verbosity=0)
    [dump] = tmp_path.glob("*.dump")
    call_command("restore", str(dump), "--database", fresh_database, verbosity=0)
    with connect(fresh_database) as conn:
        conn.execute("CREATE TABLE fra_en_nyere_migrering (id int)")
        conn.execute("DELETE FROM innsikt_innsikt_kilder")

    with pytest.raises(CommandError, match="er ikke tom"):
        call_command("restore", str(dump), "--database", fresh_database, verbosity=0)
    assert not is_empty(database=fresh_database)

    call_command("restore", str(dump), "--database", fresh_database, "--overskriv", verbosity=0)
    assert snapshot(fresh_database) == snapshot(connection.settings_dict["NAME"])


def test_restore_says_so_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="Fant ikke filen"):
        call_command("restore", str(tmp_path / "finnes-ikke.dump"), verbosity=0)


def test_restore_refuses_the_live_database_which_is_not_empty(db, tmp_path):
    dump = tmp_path / "tom.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="er ikke tom"):
        call_command("restore", str(dump), verbosity=0)
