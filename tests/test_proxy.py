"""Behind proxies: the real client address for axes and the logs, and no trust by default."""

import io
import json
import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from skattekiste.oppsett.logging import JsonFormatter
from skattekiste.oppsett.proxy import forwarded_client

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
SPOOFED = "203.0.113.66"


@pytest.fixture
def logged_client_addresses():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("skattekiste.tilgang").addHandler(handler)
    try:
        yield lambda: [json.loads(line)["klient"] for line in stream.getvalue().splitlines()]
    finally:
        logging.getLogger("skattekiste.tilgang").removeHandler(handler)


def wrong_password(client, forwarded_for):
    return client.post(
        "/logg-inn/",
        {"username": "ansatt", "password": "feil"},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_by_default_a_spoofed_forwarded_for_changes_nothing(
    client, employee, logged_client_addresses
):
    assert settings.TRUSTED_PROXIES == 0
    wrong_password(client, SPOOFED)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
    assert logged_client_addresses() == [PROXY]


def test_behind_one_trusted_proxy_axes_and_the_log_see_the_client(
    settings, employee, logged_client_addresses
):
    settings.TRUSTED_PROXIES = 1
    wrong_password(Client(), f"{SPOOFED}, 192.0.2.10")  # the proxy appended 192.0.2.10
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.10"]
    assert logged_client_addresses() == ["192.0.2.10"]


def test_behind_a_trusted_proxy_a_client_cannot_escape_the_lockout_by_spoofing(settings, employee):
    settings.TRUSTED_PROXIES = 1
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = wrong_password(client, f"198.51.100.{n}, 192.0.2.10")
    assert response.status_code == 429
    response = client.post(
        "/logg-inn/",
        {"username": "ansatt", "password": "pw"},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": "198.51.100.99, 192.0.2.10"},
    )
    assert response.status_code == 429


def test_colleagues_behind_the_proxy_do_not_lock_each_other_out(settings, employee):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong_password(Client(), "192.0.2.10")
    response = Client().post(
        "/logg-inn/",
        {"username": "ansatt", "password": "pw"},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": "192.0.2.11"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("header", "proxies", "expected"),
    [
        ("192.0.2.10", 0, None),  # no trust: the header is ignored
        ("1.1.1.1, 192.0.2.10", 1, "192.0.2.10"),
        ("1.1.1.1, 192.0.2.10, 10.0.0.4", 2, "192.0.2.10"),
        ("192.0.2.10", 2, None),  # fewer entries than proxies: did not come through them all
        ("", 1, None),
        ("ikke-en-adresse", 1, None),
        (" 2001:db8::1 ", 1, "2001:db8::1"),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_wrote(header, proxies, expected):
    assert forwarded_client({"HTTP_X_FORWARDED_FOR": header}, proxies) == expected
