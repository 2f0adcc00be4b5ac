import pytest

from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client, make_eksempel):
    eksempel = make_eksempel()
    response = client.get(eksempel.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_employee_reads_the_whole_example_with_its_contact(employee_client, make_eksempel):
    eksempel = make_eksempel(
        tittel="Ferdig snakka",
        hva_fungerte="Spørsmålskassen fikk folk i tale.",
        hva_fungerte_ikke="Ingenting spesielt.",
        kontakt_rolle="Politikontakt",
        kontakt_enhet="Vest politidistrikt",
    )
    content = employee_client.get(eksempel.get_absolute_url()).content.decode()
    assert "Ferdig snakka" in content
    assert "Spørsmålskassen fikk folk i tale." in content
    assert "Dette fungerte ikke" in content
    assert "Politikontakt" in content and "Vest politidistrikt" in content
    assert "Rediger eksempelet" not in content


def test_editor_gets_a_link_to_edit_the_example(editor_client, make_eksempel):
    eksempel = make_eksempel()
    content = editor_client.get(eksempel.get_absolute_url()).content.decode()
    assert f"/admin/skattekiste/eksempel/{eksempel.pk}/change/" in content


def test_a_draft_is_not_found(employee_client, make_eksempel):
    utkast = make_eksempel(status=Eksempel.Status.UTKAST, publisert=None)
    assert employee_client.get(utkast.get_absolute_url()).status_code == 404


def test_an_unknown_slug_gives_not_found(employee_client):
    assert employee_client.get("/eksempler/finnes-ikke/").status_code == 404


def test_related_examples_are_shown(employee_client, make_eksempel, make_tema):
    tema = make_tema()
    eksempel = make_eksempel(tema=[tema])
    make_eksempel(tittel="Søsken", tema=[tema])
    content = employee_client.get(eksempel.get_absolute_url()).content.decode()
    assert "Søsken" in content


def test_text_with_html_is_shown_escaped(employee_client, make_eksempel):
    eksempel = make_eksempel(tittel="<b>fet</b>", beskrivelse="<script>alert(1)</script>")
    content = employee_client.get(eksempel.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


@pytest.mark.parametrize("count", [10, 200])
def test_example_page_runs_a_bounded_number_of_queries(
    employee_client, django_assert_max_num_queries, make_eksempler, count
):
    eksempler = make_eksempler(count)
    # session, user, example + groups + methods, related, districts and themes of all of
    # them, 2 permission checks, and the team's limit for old content (an item from before
    # last year)
    with django_assert_max_num_queries(11):
        response = employee_client.get(eksempler[0].get_absolute_url())
    assert response.status_code == 200
