"""The main menu marks the section of the page you are on, and only that one."""

import re

import pytest

pytestmark = pytest.mark.django_db

MENU = ["Eksempler", "Metodekort", "Innsikt", "Oversikt", "Del et eksempel", "Redaksjon"]
LINK = re.compile(r'<a href="[^"]*"( aria-current="page")?>([^<]*)</a>')


def menu_of(response) -> list[tuple[str, bool]]:
    """(label, marked as current) for each entry of the main menu, in order."""
    nav = re.search(r'<nav class="topp__meny".*?</nav>', response.content.decode(), re.S)
    assert nav, "the page has no main menu"
    return [(label, bool(current)) for current, label in LINK.findall(nav.group())]


@pytest.fixture
def pages(make_eksempel, make_metode, make_innsikt, make_gruppe, make_innsending, editor):
    """Paths of pages in every section, for the editor (who sees every menu entry)."""
    eksempel, metode, gruppe = make_eksempel(), make_metode(), make_gruppe()
    innsikt = make_innsikt(grupper=[gruppe])
    innsending = make_innsending(by=editor)
    return {
        "Eksempler": ["/eksempler/", eksempel.get_absolute_url()],
        "Metodekort": ["/metoder/", metode.get_absolute_url()],
        "Innsikt": [
            "/innsikt/",
            innsikt.get_absolute_url(),
            "/innsikt/grupper/",
            gruppe.get_absolute_url(),
        ],
        "Oversikt": [
            "/oversikt/",
            f"/oversikt/distrikter/{eksempel.distrikter.first().slug}/",
        ],
        "Del et eksempel": [
            "/bidra/",
            "/bidra/mine/",
            f"/bidra/mine/{innsending.pk}/",
            f"/bidra/takk/{innsending.pk}/",
        ],
        "Redaksjon": ["/bidra/vurdering/", f"/bidra/vurdering/{innsending.pk}/"],
        None: ["/", "/sok/?q=dialog", "/tilgjengelighet/"],
    }


@pytest.mark.parametrize("section", [*MENU, None])
def test_on_each_sections_pages_exactly_that_entry_is_marked_current(editor_client, pages, section):
    for path in pages[section]:
        response = editor_client.get(path)
        assert response.status_code == 200, path
        menu = menu_of(response)
        assert [label for label, _ in menu] == MENU, path
        assert [label for label, current in menu if current] == ([section] if section else []), path


def test_an_employee_sees_the_menu_without_the_editorial_entry(employee_client):
    menu = menu_of(employee_client.get("/eksempler/"))
    assert menu == [
        ("Eksempler", True),
        ("Metodekort", False),
        ("Innsikt", False),
        ("Oversikt", False),
        ("Del et eksempel", False),
    ]


def test_an_anonymous_visitor_gets_no_menu_on_the_open_pages(client):
    content = client.get("/tilgjengelighet/").content.decode()
    assert 'class="topp__meny"' not in content and "aria-current" not in content


def test_a_page_that_does_not_exist_marks_no_entry(employee_client):
    response = employee_client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert not any(current for _, current in menu_of(response))
