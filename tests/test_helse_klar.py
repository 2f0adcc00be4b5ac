"""/helse/klar/ tells the load balancer whether this instance can serve: database and migrations."""

import pytest
from django.db import connection
from django.test import Client

from tests.test_database_outage import database_unreachable

READY = {"status": "klar"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "employee", "editor"])
def test_readiness_is_open_to_everyone_and_says_ready(
    who, client, employee, editor, django_assert_max_num_queries
):
    if who != "anonymous":
        client.force_login(employee if who == "employee" else editor)
    with django_assert_max_num_queries(2):
        response = client.get("/helse/klar/")
    assert response.status_code == 200
    assert response.json() == READY
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_answers_503_while_a_migration_is_not_applied(client):
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'skattekiste' AND name LIKE '0002%%'"
        )
        assert cursor.rowcount == 1
    response = client.get("/helse/klar/")
    assert response.status_code == 503
    assert response.json() == {"status": "ikke klar", "migreringer": "mangler"}
    assert "0002" not in response.content.decode()  # gives nothing away


@pytest.mark.django_db
def test_liveness_stays_ok_while_a_migration_is_missing(client):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'innsikt'")
    assert client.get("/helse/").status_code == 200
    assert client.get("/helse/klar/").status_code == 503


@pytest.mark.django_db(transaction=True)
def test_readiness_answers_503_while_the_database_is_away(client):
    with database_unreachable():
        response = client.get("/helse/klar/")
    assert response.status_code == 503
    assert response.json() == {"status": "ikke klar", "database": "svarer ikke"}
    assert client.get("/helse/klar/").json() == READY  # and recovers by itself


@pytest.mark.django_db
def test_readiness_answers_on_plain_http_when_https_is_enforced(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # a new client builds its middleware from the changed settings
    assert client.get("/helse/klar/").status_code == 200
    assert client.get("/logg-inn/").status_code == 301
