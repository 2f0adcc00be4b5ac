"""The accessibility statement is open to all and linked from the footer of every page."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_statement_is_open_to_a_visitor_who_cannot_log_in(client):
    response = client.get("/tilgjengelighet/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="nb"' in content
    assert "<h1>Tilgjengelighetserklæring for Skattekisten</h1>" in content


def test_the_statement_says_what_conforms_what_does_not_and_where_to_complain(client):
    content = client.get("/tilgjengelighet/").content.decode()
    assert "WCAG 2.1, nivå A og AA" in content
    assert "<h2>Dette har vi gjort</h2>" in content
    assert "<h2>Dette virker ikke godt nok ennå</h2>" in content
    assert "Team Innbyggerstemmen" in content
    assert "Digitaliseringsdirektoratet" in content
    assert 'href="https://www.uutilsynet.no/"' in content
    assert "sist oppdatert" in content


def test_problems_are_reported_to_the_configured_team_address(client, settings):
    settings.TEAM_EMAIL = "innbyggerstemmen@example.no"
    content = client.get("/tilgjengelighet/").content.decode()
    assert 'href="mailto:innbyggerstemmen@example.no"' in content


def footer_of(response) -> str:
    content = response.content.decode()
    return content[content.index('<footer class="bunn">') :]


LINK = '<a href="/tilgjengelighet/">Tilgjengelighetserklæring</a>'


def test_the_login_page_links_to_the_statement_from_its_footer(client):
    assert LINK in footer_of(client.get("/logg-inn/"))


@pytest.mark.parametrize("url", ["/", "/eksempler/", "/metoder/", "/innsikt/", "/finnes-ikke/"])
def test_every_page_links_to_the_statement_from_its_footer(employee_client, url):
    assert LINK in footer_of(employee_client.get(url))
