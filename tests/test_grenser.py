"""Limits that keep the service sound: the secret key, request bodies and quiet 403 logs."""

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def load_production_settings(secret_key: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "skattekisten.politiet.no",
        "DATABASE_URL": "postgres://skattekisten@127.0.0.1:1/skattekisten",
        "DJANGO_SETTINGS_MODULE": "skattekiste.settings",
    }
    script = "import django; django.setup(); print('ok')"
    return subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "secret_key",
    [
        "k" * 49 + "x",  # long enough, but only two different characters
        "aB3$dE6&gH9*jK2#mN5%pQ8!sT1^vW4(yZ7)bC0-eF3",  # 43 characters
        "django-insecure-" + "aB3$dE6&gH9*jK2#mN5%pQ8!sT1^vW4(yZ7)",
    ],
)
def test_production_refuses_a_secret_key_check_deploy_would_warn_about(secret_key):
    result = load_production_settings(secret_key)
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters" in result.stderr


def test_production_accepts_a_long_random_secret_key():
    result = load_production_settings("aB3$dE6&gH9*jK2#mN5%pQ8!sT1^vW4(yZ7)bC0-eF3=hI6+kL9_")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    response = client.generic(
        "POST",
        reverse("login"),
        data=b"x" * (settings.MAX_REQUEST_BODY_BYTES + 1),
        content_type="application/octet-stream",
    )
    assert response.status_code == 413
    assert "Det du sendte, var for stort" in response.content.decode()


@pytest.mark.django_db
def test_a_normal_login_post_is_not_affected(client):
    response = client.post(reverse("login"), {"username": "ingen", "password": "feil"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_403_is_logged_as_one_line_without_a_traceback(employee_client, make_innsending):
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        response = employee_client.get(reverse("bidra:vurdering"))
    finally:
        handler.setStream(old)
    assert response.status_code == 403
    # One JSON object per line: Django's warning, and the access line with the status.
    records = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    warnings = [r for r in records if r["logger"] == "django.request"]
    assert len(warnings) == 1, records
    assert "Forbidden" in warnings[0]["melding"] and "Traceback" not in stream.getvalue()
    assert [r["status"] for r in records if r["logger"] == "skattekiste.tilgang"] == [403]
