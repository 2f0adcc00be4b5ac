"""The embedded server survives a killed `make run` (kill -9 leaves a stale pid file)."""

import subprocess
import sys
import time

from skattekiste.oppsett.embedded_db import _clear_stale_pidfile, _prune_dead_handles


def write_pidfile(path, pid):
    lines = [str(pid), str(path), "1700000000", "5432", str(path), "", "  5432001   0", "ready"]
    (path / "postmaster.pid").write_text("\n".join(lines) + "\n")


def test_a_pid_file_of_a_zombie_postmaster_is_removed(tmp_path):
    # A child we never wait for stays a zombie, like a postmaster killed with -9.
    child = subprocess.Popen([sys.executable, "-c", "pass"])

    time.sleep(0.3)
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
