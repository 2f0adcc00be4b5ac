import pytest
from django.core.exceptions import ImproperlyConfigured

from skattekiste.oppsett.env import env_bool, env_int, env_list, env_str


def test_env_bool_reads_yes_and_no(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False


def test_env_bool_refuses_a_value_it_does_not_understand(monkeypatch):
    monkeypatch.setenv("FLAG", "kanskje")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_str_without_default_fails_loudly_when_missing(monkeypatch):
    monkeypatch.delenv("SECRET_KEY_TEST", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_TEST"):
        env_str("SECRET_KEY_TEST")


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("PORT_TEST", "åtte")
    with pytest.raises(ImproperlyConfigured):
        env_int("PORT_TEST", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS_TEST", "a.no, b.no,,")
    assert env_list("HOSTS_TEST") == ["a.no", "b.no"]


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DATABASE_URL": "postgres://x@localhost/x"}
    result = subprocess.run(
        [sys.executable, "-c", "import skattekiste.settings"],
        env=env,
        capture_output=True,
        text=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent),
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_set():
    from django.conf import settings

    assert settings.DEBUG is False
