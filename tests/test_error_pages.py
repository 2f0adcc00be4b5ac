"""400, 403, 404 and 500 answer in Norwegian, in the site's layout, without a stack trace."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import include, path

pytestmark = pytest.mark.django_db


@login_not_required
def explode(request):
    raise RuntimeError("a bug that must not reach the person")


# Used by the 500 test through pytest.mark.urls: the site's URLs plus one view that fails.
urlpatterns = [path("boom/", explode), path("", include("skattekiste.urls"))]


def assert_in_layout(content: str):
    assert 'lang="nb"' in content
    assert 'class="topp"' in content and 'class="bunn"' in content
    assert 'href="/tilgjengelighet/"' in content
    assert "Traceback" not in content


def test_a_missing_page_answers_404_in_norwegian(employee_client):
    response = employee_client.get("/eksempler/finnes-ikke/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Vi finner ikke siden" in content
    assert "Logg ut" in content  # the page still knows who you are
    assert_in_layout(content)


def test_a_forbidden_admin_page_answers_403_in_norwegian(editor_client):
    response = editor_client.get("/admin/auth/user/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "Du har ikke tilgang til denne siden" in content
    assert_in_layout(content)


def test_a_form_without_its_csrf_token_answers_403_in_norwegian():
    response = Client(enforce_csrf_checks=True).post("/logg-inn/", {"username": "x"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Skjemaet ble ikke sendt" in content
    assert_in_layout(content)


def test_a_request_for_an_unknown_host_answers_400_in_norwegian(client):
    response = client.get("/logg-inn/", HTTP_HOST="angriper.example")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Vi forsto ikke forespørselen" in content
    assert_in_layout(content)


@pytest.mark.urls(__name__)
def test_a_bug_answers_500_in_norwegian_without_touching_the_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/boom/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Noe gikk galt hos oss" in content
    assert "a bug that must not reach the person" not in content
    assert_in_layout(content)
