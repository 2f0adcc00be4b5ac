"""Embedded PostgreSQL for machines without DATABASE_URL.

The `pgserver` package ships the server binaries. We start it with
``cleanup_mode=None`` so the server outlives the process that started it: a
killed ``make run`` (even ``kill -9``) leaves a running server or a stale
``postmaster.pid``, and both are handled by the next start.
"""

import logging
import os
import tempfile
from pathlib import Path

DATABASE_NAME = "skattekiste"

logger = logging.getLogger(__name__)


def _ensure_runtime_dir() -> None:
    # pgserver keeps its lock file in XDG_RUNTIME_DIR and warns when it is unset.
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    path = Path(tempfile.gettempdir()) / f"skattekiste-run-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(path)


def _prune_dead_handles(pgdata: Path) -> None:
    # A process killed with -9 leaves its pid in pgserver's handle list.
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    import json

    import psutil

    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        handles.unlink(missing_ok=True)
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def start(pgdata: Path) -> dict:
    """Start (or reuse) the embedded server and return Django DATABASES['default']."""
    _ensure_runtime_dir()
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver
    import psycopg

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        _prune_dead_handles(pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    info = server.get_postmaster_info()
    host = str(info.socket_dir)
    with psycopg.connect(
        dbname="postgres",
        user="postgres",
        host=host,
        port=info.port,
        autocommit=True,
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": host,
        "PORT": str(info.port or ""),
    }


def stop(pgdata: Path) -> None:
    """Stop the embedded server if it runs (used by `make stopp-db`)."""
    _ensure_runtime_dir()
    from pgserver._commands import pg_ctl
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        return
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
