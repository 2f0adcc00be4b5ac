"""Logs: one JSON object per line with a request id, and no personal data, tokens or passwords."""

import io
import json
import logging
import uuid

import pytest
from django.conf import settings
from django.test import Client

from skattekiste.oppsett.logging import JsonFormatter, OneLineForbidden
from tests.helpers import share_form_data

pytestmark = pytest.mark.django_db

PASSWORD = "Hemmelig-Passord-4711"
USERNAME = "kari.nordmann"
EMAIL = "kari.nordmann@politiet.no"


@pytest.fixture
def log_lines():
    """The lines production would write: its formatter, filter and logger levels."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(OneLineForbidden())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: stream.getvalue().splitlines()
    finally:
        root.removeHandler(handler)


def access_lines(lines):
    return [json.loads(line) for line in lines if '"skattekiste.tilgang"' in line]


@pytest.fixture
def kari(django_user_model):
    return django_user_model.objects.create_user(
        username=USERNAME, password=PASSWORD, email=EMAIL, first_name="Kari", last_name="Nordmann"
    )


def assert_no_personal_data(lines, *secrets):
    text = "\n".join(lines)
    for secret in secrets:
        assert secret.lower() not in text.lower()


def test_production_logs_json_by_default():
    assert settings.LOG_FORMAT == "json"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"


@pytest.mark.parametrize("who", ["anonymous", "employee", "editor"])
def test_each_request_gives_one_json_line_with_id_user_id_path_status_and_duration(
    who, client, employee, editor, log_lines, django_assert_max_num_queries
):
    user = {"anonymous": None, "employee": employee, "editor": editor}[who]
    if user:
        client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get("/tilgjengelighet/?q=Kari+Nordmann")
    [line] = access_lines(log_lines())
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["user_id"] == (user.pk if user else None)
    assert line["sti"] == "/tilgjengelighet/"  # the query string never reaches the log
    assert line["status"] == 200 and line["metode"] == "GET"
    assert isinstance(line["varighet_ms"], float) and line["varighet_ms"] >= 0
    assert_no_personal_data(log_lines(), "Nordmann", "redaktor", "ansatt")


def test_every_line_is_one_json_object_even_with_a_traceback(log_lines):
    logger = logging.getLogger("skattekiste.test")
    try:
        raise ValueError("første linje\nandre linje")
    except ValueError:
        logger.exception("Noe gikk galt")
    [line] = log_lines()
    entry = json.loads(line)
    assert entry["niva"] == "ERROR" and entry["melding"] == "Noe gikk galt"
    assert "ValueError" in entry["unntak"] and "\n" in entry["unntak"]


def test_each_request_gets_a_new_id(client, log_lines):
    first = client.get("/helse/")["X-Request-ID"]
    second = client.get("/helse/")["X-Request-ID"]
    assert first != second
    assert [line["request_id"] for line in access_lines(log_lines())] == [first, second]


def test_a_request_id_from_an_untrusted_client_is_not_used(client, log_lines):
    response = client.get("/helse/", headers={"X-Request-ID": "kari-nordmann-01"})
    assert response["X-Request-ID"] != "kari-nordmann-01"


def test_the_request_id_from_a_trusted_proxy_is_kept(settings, log_lines):
    settings.TRUSTED_PROXIES = 1
    response = Client().get("/helse/", headers={"X-Request-ID": "lb-0123456789abcdef"})
    assert response["X-Request-ID"] == "lb-0123456789abcdef"
    assert access_lines(log_lines())[-1]["request_id"] == "lb-0123456789abcdef"


def test_the_health_check_costs_no_query_for_the_log(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1, not the session or the user
        client.get("/helse/")


def test_logging_in_logs_the_user_id_and_never_the_name_or_password(client, kari, log_lines):
    response = client.post("/logg-inn/", {"username": USERNAME, "password": PASSWORD})
    assert response.status_code == 302
    [line] = access_lines(log_lines())
    assert line["user_id"] == kari.pk and line["status"] == 302
    assert_no_personal_data(log_lines(), USERNAME, PASSWORD, EMAIL, "Nordmann")


def test_failed_logins_and_the_lockout_log_no_username_or_password(client, kari, log_lines):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/logg-inn/", {"username": USERNAME, "password": PASSWORD + "x"})
    assert response.status_code == 429
    lines = log_lines()
    assert any("Locking out" in line for line in lines)  # axes did log the lockout, without her
    assert_no_personal_data(lines, USERNAME, PASSWORD, "Nordmann")


def test_the_share_form_logs_none_of_what_was_written(client, kari, make_distrikt, log_lines):
    client.force_login(kari)
    data = share_form_data(
        make_distrikt(),
        tittel="Kaffe med Ola Hansen på Skei",
        kontakt_navn="Ola Hansen",
        kontakt_epost="ola.hansen@politiet.no",
        kontakt_telefon="91234567",
    )
    response = client.post("/bidra/", data)
    assert response.status_code == 302
    lines = log_lines()
    assert access_lines(lines)[-1]["user_id"] == kari.pk
    secrets = ("Ola Hansen", "ola.hansen", "91234567", "Kaffe med", data["innsending_id"], EMAIL)
    assert_no_personal_data(lines, *secrets)
    assert str(uuid.UUID(data["innsending_id"])) not in "\n".join(lines)
