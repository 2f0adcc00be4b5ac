"""E-mail is configured with Django's MAILERS, from the same environment variables as before."""

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

ROOT = Path(__file__).resolve().parent.parent
# Settings load and the checks run without a database; sending uses no database either.
UNREACHABLE_DATABASE = "postgres://skattekisten@127.0.0.1:1/skattekisten"

# Loads the settings, runs `manage.py check` and sends one e-mail (not over SMTP), recording
# every warning Django gives about what it will remove, and prints the default mailer.
SCRIPT = """
import json, warnings
from django.utils.deprecation import RemovedInDjango2028Warning
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import django
    django.setup()
    from django.core import mail
    from django.core.management import call_command
    call_command("check", databases=[], fail_level="WARNING")
    mailer = mail.mailers.default
    if not mailer.__module__.endswith(".smtp"):  # there is no SMTP server to send to here
        mail.send_mail("Emne", "Tekst", "skattekisten@politiet.no", ["kari@politiet.no"])
print(json.dumps({
    "deprecations": [
        str(w.message) for w in caught if issubclass(w.category, RemovedInDjango2028Warning)
    ],
    "backend": f"{type(mailer).__module__}.{type(mailer).__name__}",
    "smtp": [getattr(mailer, name, None) for name in ("host", "port", "username", "use_tls")],
}))
"""


def load(settings_module: str, **env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": UNREACHABLE_DATABASE,
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("settings_module", "env"),
    [
        ("skattekiste.settings", {"DEBUG": "1"}),
        ("skattekiste.settings", {"DEBUG": "1", "EMAIL_HOST": "smtp.politiet.no"}),
        ("skattekiste.test_settings", {}),
    ],
    ids=["console", "smtp", "test-settings"],
)
def test_loading_settings_checking_and_sending_raise_no_deprecation_warning(settings_module, env):
    assert load(settings_module, **env)["deprecations"] == []


def test_without_email_host_e_mail_is_written_to_the_console():
    loaded = load("skattekiste.settings", DEBUG="1")
    assert loaded["backend"] == "django.core.mail.backends.console.EmailBackend"


def test_email_host_and_its_companions_configure_the_smtp_mailer():
    loaded = load(
        "skattekiste.settings",
        DEBUG="1",
        EMAIL_HOST="smtp.politiet.no",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="skattekisten",
        EMAIL_HOST_PASSWORD="hemmelig",
        EMAIL_USE_TLS="0",
    )
    assert loaded["backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert loaded["smtp"] == ["smtp.politiet.no", 2525, "skattekisten", False]


def test_smtp_uses_port_587_with_tls_unless_told_otherwise():
    loaded = load("skattekiste.settings", DEBUG="1", EMAIL_HOST="smtp.politiet.no")
    assert loaded["smtp"] == ["smtp.politiet.no", 587, "", True]


def test_the_tests_collect_e_mail_in_the_outbox(mailoutbox):
    mail.send_mail("Emne", "Tekst", "skattekisten@politiet.no", ["kari@politiet.no"])
    assert [message.to for message in mailoutbox] == [["kari@politiet.no"]]
    assert mail.outbox is mailoutbox


def test_deploy_checks_fail_when_production_would_write_e_mail_to_the_console():
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, databases=[])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "skattekiste.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "skattekisten.politiet.no",
        "DATABASE_URL": UNREACHABLE_DATABASE,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "mail.E001" in result.stderr
