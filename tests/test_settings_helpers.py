"""The environment helpers, and which settings come from the environment."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from skattekiste.oppsett.env import env_bool, env_int, env_list, env_str, fixed_environment

ROOT = Path(__file__).resolve().parent.parent


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


def test_a_fixed_environment_hides_the_shell_and_leaves_it_unchanged(monkeypatch):
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.setenv("ALLOWED_HOSTS", "b.no")
    with fixed_environment({"ALLOWED_HOSTS": "a.no"}):
        assert env_bool("DEBUG") is False
        assert env_list("ALLOWED_HOSTS") == ["a.no"]
    assert env_bool("DEBUG") is True
    assert env_list("ALLOWED_HOSTS") == ["b.no"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DATABASE_URL": "postgres://x@localhost/x"}
    result = subprocess.run(
        [sys.executable, "-c", "import skattekiste.settings"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_set():
    from django.conf import settings

    assert settings.DEBUG is False


# Variables that change how the app behaves; a developer may have any of them exported.
SHELL_ENVIRONMENT = {
    "DEBUG": "1",
    "SECRET_KEY": "kort",
    "ALLOWED_HOSTS": "*",
    "DATABASE_NAME": "skattekiste_bench",
    "CSRF_TRUSTED_ORIGINS": "http://ondsinnet.example",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "0",
    "AXES_FAILURE_LIMIT": "1",
    "EMAIL_HOST": "smtp.ondsinnet.example",
    "REDAKSJON_EPOST": "noen@ondsinnet.example",
    "TEAM_EMAIL": "noen@ondsinnet.example",
    "SITE_ROOT": "http://ondsinnet.example",
    "TRUSTED_PROXIES": "3",
    "LOG_FORMAT": "tekst",
}


def load_test_settings(extra_env: dict) -> dict:
    """Every setting of skattekiste.test_settings, loaded in a fresh process."""
    script = (
        "import json, skattekiste.test_settings as s;"
        "print(json.dumps({k: repr(v) for k, v in vars(s).items() if k.isupper()}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": "/usr/bin:/bin", **extra_env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_test_settings_keep_debug_off_when_the_shell_exports_debug():
    assert load_test_settings({"DEBUG": "1"})["DEBUG"] == "False"


def test_the_test_settings_are_the_same_whatever_the_shell_exports():
    clean = load_test_settings({})
    assert load_test_settings(SHELL_ENVIRONMENT) == clean


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"OIDC_CLIENT_ID": "skattekisten"}, "OIDC_CLIENT_SECRET must be set"),
        ({"LOCAL_LOGIN": "0"}, "LOCAL_LOGIN=0 needs OIDC_CLIENT_ID"),
        ({"TRUSTED_PROXIES": "-1"}, "TRUSTED_PROXIES=-1"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT='xml'"),
    ],
)
def test_production_settings_refuse_half_configured_login_proxies_and_logs(extra, message):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "abcdefghij" * 6,
        "DATABASE_URL": "postgres://x@localhost/x",
        **extra,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import skattekiste.settings"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stderr
