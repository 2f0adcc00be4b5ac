"""A lost database gives a friendly 503, never a stack trace, and the site recovers by itself.

The shared PostgreSQL server is left alone: the test points this process's connection at a
closed port on localhost, which refuses at once, and then points it back.
"""

import socket
from contextlib import contextmanager

import pytest
from django.db import InterfaceError, connections
from django.test import RequestFactory

from skattekiste.felles.roles import assign_redaksjon_permissions
from skattekiste.oppsett.middleware import DatabaseUnavailableMiddleware

# The connection is closed and reopened mid-test, which a test inside a transaction cannot do.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def redaksjon_group(transactional_db):
    # Transactional tests flush the tables, and with them the group the data migration made.
    assign_redaksjon_permissions()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_unreachable():
    connection = connections["default"]
    saved = connection.settings_dict  # shared with settings.DATABASES: swapped, never changed
    connection.close()
    connection.settings_dict = {**saved, "HOST": "127.0.0.1", "PORT": str(closed_port())}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict = saved


def assert_friendly_503(response):
    assert response.status_code == 503
    content = response.content.decode()
    assert "Skattekisten er midlertidig utilgjengelig" in content
    assert 'lang="nb"' in content and 'href="/tilgjengelighet/"' in content  # the layout
    assert "Traceback" not in content and "OperationalError" not in content
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]


def test_a_logged_in_employee_gets_the_503_page_while_the_database_is_away(employee_client):
    with database_unreachable():
        response = employee_client.get("/eksempler/")
    assert_friendly_503(response)
    assert "Logg ut" not in response.content.decode()  # rendered without asking who you are


def test_logging_in_while_the_database_is_away_gives_the_503_page(client, employee):
    with database_unreachable():
        response = client.post("/logg-inn/", {"username": "ansatt", "password": "pw"})
    assert_friendly_503(response)


def test_the_admin_answers_503_while_the_database_is_away(editor_client):
    with database_unreachable():
        response = editor_client.get("/admin/skattekiste/eksempel/")
    assert_friendly_503(response)


def test_the_503_page_keeps_the_security_headers(employee_client):
    with database_unreachable():
        response = employee_client.get("/", secure=True)
    assert response.status_code == 503
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


def test_the_health_check_says_the_database_does_not_answer(client):
    with database_unreachable():
        response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json() == {"status": "feil", "database": "svarer ikke"}


def test_the_search_api_answers_503_in_json_while_the_database_is_away(employee_client):
    with database_unreachable():
        response = employee_client.get("/api/sok/?q=eldre")
    assert response.status_code == 503
    assert response.json() == {"error": "Skattekisten er midlertidig utilgjengelig."}


def test_the_site_recovers_without_a_restart_when_the_database_returns(employee_client):
    with database_unreachable():
        assert employee_client.get("/eksempler/").status_code == 503
        assert employee_client.get("/helse/").status_code == 503
    assert employee_client.get("/helse/").json() == {"status": "ok", "database": "svarer"}
    assert employee_client.get("/eksempler/").status_code == 200


def test_a_connection_lost_mid_request_also_gives_the_503_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/eksempler/")
    response = middleware.process_exception(request, InterfaceError("connection already closed"))
    assert_friendly_503(response)


def test_other_errors_are_left_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/eksempler/")
    assert middleware.process_exception(request, ValueError("a bug")) is None
