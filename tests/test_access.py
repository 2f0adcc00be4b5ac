"""Login everywhere except login and /helse/; only Redaksjon edits."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["/", "/eksempler/", "/metoder/", "/innsikt/", "/innsikt/grupper/"]


@pytest.mark.parametrize(
    "url",
    PAGES
    + ["/eksempler/noe/", "/metoder/noe/", "/innsikt/noe/", "/innsikt/grupper/noe/", "/admin/"],
)
def test_anonymous_visitor_is_sent_to_login_from_every_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/") or response["Location"].startswith(
        "/admin/login/"
    )


def test_login_page_is_open_and_in_norwegian(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="nb"' in content and "Logg inn" in content


def test_health_check_is_open_and_reports_the_database(client):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "svarer"}


def test_a_person_can_log_in_and_reach_the_examples(client, employee):
    response = client.post(
        "/logg-inn/?next=/eksempler/",
        {"username": "ansatt", "password": "pw", "next": "/eksempler/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/eksempler/"


def test_a_wrong_password_gives_a_norwegian_message(client, employee):
    response = client.post("/logg-inn/", {"username": "ansatt", "password": "feil"})
    assert response.status_code == 200
    assert "brukernavn og passord" in response.content.decode().lower()


@pytest.mark.parametrize("url", PAGES)
def test_employee_and_editor_can_read_every_page(employee_client, url):
    assert employee_client.get(url).status_code == 200


def test_logout_is_only_by_post(employee_client):
    assert employee_client.get("/logg-ut/").status_code == 405
    assert employee_client.post("/logg-ut/").status_code == 302


def test_employee_cannot_open_the_admin(employee_client):
    response = employee_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editor_can_open_the_admin_and_add_an_example(editor_client):
    assert editor_client.get("/admin/").status_code == 200
    assert editor_client.get("/admin/skattekiste/eksempel/add/").status_code == 200
