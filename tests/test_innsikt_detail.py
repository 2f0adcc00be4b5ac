import pytest
from django.urls import reverse

from innsikt.models import Innsikt

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client, make_innsikt):
    assert client.get(make_innsikt().get_absolute_url())["Location"].startswith("/logg-inn/")


def test_the_finding_shows_its_evidence_sources_with_size_groups_needs_and_examples(
    employee_client, make_innsikt, make_kilde, make_gruppe, make_behov, make_eksempel
):
    innsikt = make_innsikt(
        tittel="Skeive har lavere tillit",
        forklaring="Over 10 000 svarte.",
        kilder=[make_kilde(tittel="Pride-undersøkelsen", antall=10000)],
        grupper=[make_gruppe(navn="Skeive")],
        behov=[make_behov(tekst="at det oppleves trygt")],
        eksempler=[make_eksempel(tittel="Stand i Pride Park")],
    )
    content = employee_client.get(innsikt.get_absolute_url()).content.decode()
    assert 'href="/innsikt/grupper/' in content
    for text in [
        "Skeive har lavere tillit",
        "Over 10 000 svarte.",
        "Pride-undersøkelsen",
        # Grouped, and with what the number counts (issue 16).
        "10\xa0000 svar eller deltakere",
        "Skeive",
        "«at det oppleves trygt»",
        "Stand i Pride Park",
        "Noe underbygd: noen samtaler, møter eller observasjoner",
    ]:
        assert text in content, text


def test_a_single_story_carries_the_report_s_warning(employee_client, make_innsikt):
    innsikt = make_innsikt(styrke=Innsikt.Styrke.ENKELTHISTORIE)
    content = employee_client.get(innsikt.get_absolute_url()).content.decode()
    assert "må alltid ses i sammenheng med annen innbyggerinnsikt" in content


def test_editor_reads_it_too(editor_client, make_innsikt):
    assert editor_client.get(make_innsikt().get_absolute_url()).status_code == 200


def test_a_draft_insight_is_not_found(employee_client, make_innsikt):
    utkast = make_innsikt(status=Innsikt.Status.UTKAST)
    assert employee_client.get(utkast.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_runs_a_bounded_number_of_queries(
    employee_client, django_assert_max_num_queries, make_innsikt, make_eksempel, count
):
    eksempler = [make_eksempel() for _ in range(count // 10)]
    innsikt = make_innsikt(eksempler=eksempler)
    # session, user, the insight with its groups, needs, districts and themes, sources,
    # examples (+2 prefetches), 2 permission checks
    with django_assert_max_num_queries(9):
        response = employee_client.get(innsikt.get_absolute_url())
    assert response.status_code == 200


def test_districts_and_themes_are_listed_and_the_evidence_is_in_plain_words(
    employee_client, make_innsikt, make_distrikt, make_tema
):
    agder, vest = make_distrikt(navn="Agder"), make_distrikt(navn="Vest")
    innsikt = make_innsikt(
        styrke=Innsikt.Styrke.BREDT_GRUNNLAG, fra_gruppen_selv=True, distrikter=[agder, vest]
    )
    innsikt.tema.set([make_tema(name="Tillit hos ungdom")])
    content = employee_client.get(innsikt.get_absolute_url()).content.decode()
    # Each district links to its own overview page («Mitt distrikt»).
    for distrikt in (agder, vest):
        url = reverse("oversikt:distrikt", kwargs={"slug": distrikt.slug})
        assert f'<a href="{url}">{distrikt.navn}</a>' in content
    for text in [
        "Tillit hos ungdom",
        "Godt underbygd: mange svar eller data",
        "direkte fra folk i gruppen selv",
    ]:
        assert text in content, text
    assert "Bredt grunnlag" not in content and "egen stemme" not in content
