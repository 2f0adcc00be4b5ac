"""The main menu marks the section of the page you are on, and only that one.

Everyone has «Mine»; the team also has «Til vurdering (n)», the queue one click away.
"""

import re

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skattekiste.bidra.workflows import publish_eksempel, return_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.veiledning.models import Veiledning

pytestmark = pytest.mark.django_db

MENU = [
    "Eksempler",
    "Metodekort",
    "Kom i gang",
    "Innsikt",
    "Oversikt",
    "Veiledning",
    "Del et eksempel",
    "Mine",
    "Til vurdering",
    "Redaksjon",
]
LINK = re.compile(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>')
COUNT = re.compile(r" \([\d\xa0]+\)$")


def menu_of(response) -> list[tuple[str, bool]]:
    """(label, marked as current) for each entry of the main menu, in order."""
    nav = re.search(r'<nav class="topp__meny".*?</nav>', response.content.decode(), re.S)
    assert nav, "the page has no main menu"
    return [
        (COUNT.sub("", label), bool(current)) for _, current, label in LINK.findall(nav.group())
    ]


def entry(response, label_start) -> tuple[str, str]:
    """(address, label) of the menu entry whose label starts with `label_start`."""
    nav = re.search(r'<nav class="topp__meny".*?</nav>', response.content.decode(), re.S)
    found = [(url, label) for url, _, label in LINK.findall(nav.group())]
    return next((url, label) for url, label in found if label.startswith(label_start))


@pytest.fixture
def pages(make_eksempel, make_metode, make_innsikt, make_gruppe, make_innsending, editor):
    """Paths of pages in every section, for the editor (who sees every menu entry)."""
    eksempel, metode, gruppe = make_eksempel(), make_metode(), make_gruppe()
    innsikt = make_innsikt(grupper=[gruppe])
    innsending = make_innsending(by=editor)
    veiledning = Veiledning.objects.create(
        nummer=1, tittel="Ti erfaringer", slug="ti-erfaringer", ingress="Kort.", tekst="Tekst."
    )
    return {
        "Eksempler": ["/eksempler/", eksempel.get_absolute_url()],
        "Metodekort": ["/metoder/", metode.get_absolute_url()],
        "Kom i gang": ["/kom-i-gang/", "/kom-i-gang/?situasjon=B", "/folk/"],
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
        "Veiledning": ["/veiledning/", veiledning.get_absolute_url()],
        "Del et eksempel": ["/bidra/", f"/bidra/takk/{innsending.pk}/"],
        "Mine": ["/bidra/mine/", f"/bidra/mine/{innsending.pk}/", "/pafyll/", "/planer/"],
        "Til vurdering": ["/bidra/vurdering/", f"/bidra/vurdering/{innsending.pk}/"],
        None: ["/", "/sok/?q=dialog", "/tilgjengelighet/"],
    }


# «Redaksjon» leads to the admin, which has its own header.
@pytest.mark.parametrize("section", [*MENU[:-1], None])
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
        ("Kom i gang", False),
        ("Innsikt", False),
        ("Oversikt", False),
        ("Veiledning", False),
        ("Del et eksempel", False),
        ("Mine", False),
    ]


def test_an_anonymous_visitor_gets_no_menu_on_the_open_pages(client):
    content = client.get("/tilgjengelighet/").content.decode()
    assert 'class="topp__meny"' not in content and "aria-current" not in content


def test_a_page_that_does_not_exist_marks_no_entry(employee_client):
    response = employee_client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert not any(current for _, current in menu_of(response))


def test_mine_leads_an_employee_to_what_they_shared(employee_client):
    url, label = entry(employee_client.get("/"), "Mine")
    assert (url, label) == ("/bidra/mine/", "Mine")


def tabs_of(response) -> list[tuple[str, bool]]:
    nav = re.search(r'<nav class="faner".*?</nav>', response.content.decode(), re.S)
    assert nav, "the page has no tabs"
    return [(label, bool(current)) for _, current, label in LINK.findall(nav.group(0))]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/bidra/mine/", "Mine eksempler"),
        ("/planer/", "Mine planer"),
        ("/pafyll/", "Påfyll – det du følger"),
    ],
)
def test_the_pages_behind_mine_share_tabs_with_the_current_one_marked(
    employee_client, path, current
):
    tabs = tabs_of(employee_client.get(path))
    assert [label for label, _ in tabs] == [
        "Mine eksempler",
        "Mine planer",
        "Påfyll – det du følger",
    ]
    assert [label for label, marked in tabs if marked] == [current]


def test_the_editors_queue_entry_shows_how_many_wait_and_leads_to_the_queue(
    editor_client, make_innsending, make_eksempel
):
    assert entry(editor_client.get("/"), "Til vurdering") == (
        "/bidra/vurdering/",
        "Til vurdering (0)",
    )
    for _ in range(3):
        make_innsending()
    make_innsending(status="returnert")  # not waiting for the team
    make_eksempel()  # published
    assert entry(editor_client.get("/"), "Til vurdering") == (
        "/bidra/vurdering/",
        "Til vurdering (3)",
    )


def test_the_queue_count_matches_an_exact_recount_after_the_workflow_moves_examples(
    editor, editor_client, make_innsending
):
    waiting = [make_innsending() for _ in range(4)]
    publish_eksempel(eksempel=waiting[0], by=editor)
    return_eksempel(eksempel=waiting[1], by=editor, melding="Skriv mer om hva dere gjorde.")
    shown = entry(editor_client.get("/"), "Til vurdering")[1]
    exact = Eksempel.objects.filter(status=Eksempel.Status.TIL_VURDERING).count()
    assert shown == f"Til vurdering ({exact})" == "Til vurdering (2)"


def test_the_queue_count_is_one_query_and_an_employee_never_pays_for_it(
    employee_client, editor, client
):
    with CaptureQueriesContext(connection) as employee_queries:
        employee_client.get("/bidra/mine/")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as editor_queries:
        client.get("/bidra/mine/")
    counts = [q["sql"] for q in editor_queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1 and "til_vurdering" in counts[0]
    assert not any("COUNT(" in q["sql"] for q in employee_queries.captured_queries)


def _fresh(user):
    """The user as the next request sees it: no permissions cached on the object."""
    return type(user).objects.get(pk=user.pk)


def test_the_menu_reads_a_persons_permissions_in_one_query(editor_client):
    with CaptureQueriesContext(connection) as queries:
        editor_client.get("/bidra/mine/")
    reads = [q["sql"] for q in queries.captured_queries if '"auth_permission"' in q["sql"]]
    assert len(reads) == 1


def test_permissions_from_one_query_are_the_same_as_djangos_own(
    employee, editor, make_user, django_user_model
):
    own = make_user()
    own.user_permissions.add(Permission.objects.get(codename="view_eksempel"))
    editor.user_permissions.add(Permission.objects.get(codename="add_eksempel"))
    boss = make_user(is_superuser=True)
    gone = make_user(is_active=False)
    gone.user_permissions.add(Permission.objects.get(codename="view_eksempel"))
    for user in [employee, editor, own, boss, gone]:
        expected = ModelBackend().get_all_permissions(_fresh(user))
        assert _fresh(user).get_all_permissions() == expected
    assert _fresh(own).get_all_permissions() == {"skattekiste.view_eksempel"}
    assert _fresh(editor).has_perm("skattekiste.change_eksempel")
    assert _fresh(editor).has_perm("skattekiste.add_eksempel")
    assert not _fresh(employee).has_perm("skattekiste.change_eksempel")
    assert not _fresh(gone).has_perm("skattekiste.view_eksempel")


def test_sessions_still_name_djangos_backend_so_nobody_is_logged_out(client, editor):
    client.post("/logg-inn/", {"username": "redaktor", "password": "pw"})
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    response = client.get("/bidra/mine/")
    assert response.status_code == 200
    assert entry(response, "Til vurdering")
