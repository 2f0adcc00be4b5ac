"""Backup and restore with PostgreSQL's own pg_dump and pg_restore (make backup / make restore).

The binaries come from PG_BIN when set, else from the embedded server's package (the same
major version as the embedded server), else from the system's PATH. The connection comes from
Django's DATABASES["default"], handed over in PG* environment variables so the password never
shows in a process list.
"""

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.db import connections

from skattekiste.oppsett import embedded_db
from skattekiste.oppsett.env import env_str

# Tables, views, sequences and the like outside PostgreSQL's own schemas: an empty database
# has none (extensions add only functions and types).
_USER_RELATIONS = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_%%'
      AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
"""


class SikkerhetskopiFeil(Exception):
    """Something an operator must act on, said in Norwegian."""


def pg_binary(name: str) -> str:
    folder = env_str("PG_BIN", "")
    if folder:
        candidate = Path(folder) / name
        if not os.access(candidate, os.X_OK):
            raise SikkerhetskopiFeil(f"Fant ikke {name} i PG_BIN={folder}.")
        return str(candidate)
    embedded = Path(embedded_db.binaries()) / name
    if os.access(embedded, os.X_OK):
        return str(embedded)
    found = shutil.which(name)
    if not found:
        raise SikkerhetskopiFeil(
            f"Fant ikke {name}. Installer PostgreSQL-klienten (apt-get install postgresql-client) "
            "eller sett PG_BIN til mappen der den ligger."
        )
    return found


def _settings_dict(database: str | None) -> dict:
    settings_dict = dict(connections["default"].settings_dict)
    if database:
        settings_dict["NAME"] = database
    return settings_dict


def _pg_environment(settings_dict: dict) -> dict:
    values = {
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGDATABASE": settings_dict["NAME"],
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode", ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _connect(settings_dict: dict):
    options = settings_dict.get("OPTIONS", {})
    return psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        sslmode=options.get("sslmode"),
        autocommit=True,
    )


def _run(command: list[str], settings_dict: dict) -> None:
    result = subprocess.run(  # noqa: S603 (our own arguments, no shell)
        command, env=_pg_environment(settings_dict), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SikkerhetskopiFeil(
            f"{Path(command[0]).name} stoppet med feil:\n{result.stderr.strip()}"
        )


def backup(*, folder: Path, database: str | None = None) -> Path:
    """Dump the database to a dated file in `folder`; pg_dump reads one consistent snapshot.

    The file is written under a temporary name and renamed when complete, so a file with the
    final name is always a whole dump. Only the owner may read it: it holds personal data.
    """
    settings_dict = _settings_dict(database)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    target = folder / f"{settings_dict['NAME']}-{stamp}.dump"
    partial = target.with_suffix(".dump.ufullstendig")
    partial.touch(mode=0o600)
    try:
        _run(
            [pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial)],
            settings_dict,
        )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return target


def is_empty(*, database: str | None = None) -> bool:
    with _connect(_settings_dict(database)) as conn:
        return conn.execute(_USER_RELATIONS).fetchone()[0] == 0


def restore(*, dump: Path, database: str | None = None, overwrite: bool = False) -> None:
    """Restore `dump` into an empty database, all or nothing.

    A database with tables is refused unless `overwrite`: then everything in its public schema
    is dropped first, so tables that are not in the dump (newer migrations) do not linger.
    """
    if not dump.is_file():
        raise SikkerhetskopiFeil(f"Fant ikke filen {dump}.")
    settings_dict = _settings_dict(database)
    if not is_empty(database=database):
        if not overwrite:
            raise SikkerhetskopiFeil(
                f"Databasen {settings_dict['NAME']} er ikke tom. Gjenopprett i en tom database, "
                "eller be om å overskrive den (make restore FIL=… OVERSKRIV=1)."
            )
        with _connect(settings_dict) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    _run(
        [
            pg_binary("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            settings_dict["NAME"],
            str(dump),
        ],
        settings_dict,
    )
