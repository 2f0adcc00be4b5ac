"""/sok/: the search page, and the search box in the header of every page."""

import pytest
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db


def hits(response):
    return [hit.title for hit in response.context["page"].object_list]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/sok/?q=eldre")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_employee_finds_examples_insights_and_cards(
    employee_client, make_eksempel, make_innsikt, make_metode
):
    make_eksempel(tittel="Dialogmøte i Stryn", ingress="Beboerne ble spurt.")
    make_innsikt(tittel="Folk vil ha dialogmøte i sentrum")
    make_metode(navn="Holde dialogmøter", ingress="Slik holder du dialogmøte.")
    response = employee_client.get("/sok/", {"q": "dialogmøte"})
    assert response.status_code == 200
    assert set(hits(response)) == {
        "Dialogmøte i Stryn",
        "Folk vil ha dialogmøte i sentrum",
        "Holde dialogmøter",
    }
    counts = {c.type.key: c.display for c in response.context["result"].counts}
    assert counts["eksempel"] == counts["innsikt"] == counts["metode"] == "1"


def test_editor_gets_the_same_results(editor_client, make_eksempel):
    make_eksempel(tittel="Dialogmøte i Stryn")
    make_eksempel(tittel="Utkast om dialogmøte", status="utkast", publisert=None)
    response = editor_client.get("/sok/", {"q": "dialogmøte"})
    assert response.status_code == 200
    assert hits(response) == ["Dialogmøte i Stryn"]


def test_each_result_shows_title_type_link_and_a_highlighted_excerpt(
    employee_client, make_eksempel
):
    eksempel = make_eksempel(
        tittel="Torget", ingress="Vi serverte kaffe på torget <b>hver</b> lørdag."
    )
    html = employee_client.get("/sok/", {"q": "kaffe"}).content.decode()
    assert f'href="{eksempel.get_absolute_url()}"' in html
    assert '<span class="merke">Eksempel</span>' in html
    assert "<mark>kaffe</mark>" in html
    # The text's own markup is shown as text, never as HTML.
    assert "<b>hver</b>" not in html


def test_type_filter_shows_one_type_and_keeps_the_counts_of_all(
    employee_client, make_eksempel, make_innsikt
):
    make_eksempel(tittel="Eksempel om svindel")
    make_innsikt(tittel="Innsikt om svindel")
    response = employee_client.get("/sok/", {"q": "svindel", "type": "innsikt"})
    assert hits(response) == ["Innsikt om svindel"]
    html = response.content.decode()
    assert "?q=svindel&amp;type=eksempel" in html
    assert 'aria-current="true" class="valgt">Innsikter' in html


def test_an_unknown_type_is_ignored(employee_client, make_eksempel):
    make_eksempel(tittel="Om svindel")
    response = employee_client.get("/sok/", {"q": "svindel", "type": "<script>"})
    assert response.status_code == 200
    assert hits(response) == ["Om svindel"]


def test_many_results_are_split_into_pages(employee_client, make_eksempel):
    for n in range(25):
        make_eksempel(tittel=f"Svindel {n}")
    first = employee_client.get("/sok/", {"q": "svindel"})
    second = employee_client.get("/sok/", {"q": "svindel", "page": 2})
    assert len(hits(first)) == 20
    assert len(hits(second)) == 5
    assert 'href="?q=svindel&amp;page=2"' in first.content.decode()


def test_an_empty_search_gives_a_page_to_start_from(
    employee_client, make_eksempel, make_tema, make_gruppe
):
    make_eksempel(tema=[make_tema(name="Svindel mot eldre", slug="svindel")])
    gruppe = make_gruppe(navn="Eldre", slug="eldre")
    response = employee_client.get("/sok/", {"q": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Her kan du begynne" in html
    assert f"{reverse('eksempler:list')}?tema=svindel" in html
    assert gruppe.get_absolute_url() in html


def test_a_search_of_only_small_words_says_why_nothing_was_searched(employee_client):
    html = employee_client.get("/sok/", {"q": "og i på"}).content.decode()
    assert "Vi fant ingen ord å søke etter" in html
    assert "Her kan du begynne" in html


def test_no_hits_offers_a_suggestion_and_places_to_start(
    employee_client, make_eksempel, search_words
):
    make_eksempel(tittel="Dialog", ingress="Vi holdt dialogmøte med beboerne.")
    search_words()
    html = employee_client.get("/sok/", {"q": "dialgmøte"}).content.decode()
    assert "Ingen treff på «dialgmøte»" in html
    assert "Mente du" in html
    assert f"{reverse('sok:sok')}?q=dialogm%C3%B8te" in html


@pytest.mark.parametrize("path", ["/", "/eksempler/", "/metoder/", "/innsikt/"])
def test_every_other_page_has_a_labelled_search_box_in_the_header(employee_client, path):
    html = employee_client.get(path).content.decode()
    header = html[html.index('<header class="topp">') : html.index("</header>")]
    assert 'role="search"' in header
    assert f'action="{reverse("sok:sok")}"' in header
    assert '<label class="skjult" for="topp-sok">' in header
    assert 'id="topp-sok" name="q"' in header


def test_the_share_form_leaves_out_the_header_search_so_a_search_never_leaves_it(employee_client):
    html = employee_client.get(reverse("bidra:ny")).content.decode()
    header = html[html.index('<header class="topp">') : html.index("</header>")]
    assert 'role="search"' not in header


@pytest.mark.parametrize("q", ["", "dialogmøte"])
def test_the_search_page_shows_one_search_box_not_two(employee_client, q):
    html = employee_client.get("/sok/", {"q": q}).content.decode()
    assert html.count('role="search"') == 1
    assert html.count('type="search"') == 1
    assert 'id="topp-sok"' not in html
    assert f'value="{q}"' in html


def test_the_search_page_runs_the_same_queries_for_few_and_many_matches(
    employee_client, make_eksempel, make_innsikt, django_assert_max_num_queries
):
    def run():
        # session, user, 2 × permissions for the menu; groups and thesaurus, stems, word
        # list, compounds, candidates, matching tags, excerpts
        with django_assert_max_num_queries(11):
            assert employee_client.get("/sok/", {"q": "svindel"}).status_code == 200

    make_eksempel(tittel="Svindel")
    run()
    for n in range(30):
        make_eksempel(tittel=f"Svindel {n}")
        make_innsikt(tittel=f"Funn om svindel {n}")
    run()


def test_an_empty_search_runs_a_fixed_number_of_queries(
    employee_client, make_eksempler, django_assert_max_num_queries
):
    make_eksempler(20)
    # session, user, permissions for the menu, the themes with their pair counts, groups
    with django_assert_max_num_queries(5):
        employee_client.get("/sok/")
    make_eksempler(20)
    with django_assert_max_num_queries(5):
        employee_client.get("/sok/")


def test_the_start_page_counts_every_published_example_of_a_theme_at_once(
    employee_client, make_eksempel, make_tema
):
    tema = make_tema(name="Svindel mot eldre", slug="svindel")
    make_eksempel(tema=[tema])
    assert (
        'Svindel mot eldre <span class="antall">(1)'
        in employee_client.get("/sok/").content.decode()
    )
    make_eksempel(tittel="Et til", tema=[tema])
    make_eksempel(tittel="Utkast", tema=[tema], status=Eksempel.Status.UTKAST, publisert=None)
    # No ten-minute cache: the count follows the content at once, drafts not counted.
    assert (
        'Svindel mot eldre <span class="antall">(2)'
        in employee_client.get("/sok/").content.decode()
    )


def test_drafts_are_never_shown_on_the_page(employee_client, make_eksempel):
    make_eksempel(tittel="Hemmelig svindel", status=Eksempel.Status.UTKAST, publisert=None)
    html = employee_client.get("/sok/", {"q": "svindel"}).content.decode()
    assert "Hemmelig" not in html
    assert "Ingen treff" in html
