"""«Hva vet vi om <gruppe>?» and the list of groups."""

import datetime
import re

import pytest

from innsikt.models import Innsikt
from innsikt.summary import NEED_HEADINGS, PER_SECTION, build_group_summary
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client, make_gruppe):
    assert client.get(make_gruppe().get_absolute_url())["Location"].startswith("/logg-inn/")
    assert client.get("/innsikt/grupper/")["Location"].startswith("/logg-inn/")


def test_the_group_page_answers_with_insights_examples_methods_and_sources(
    employee_client, make_gruppe, make_innsikt, make_eksempel, make_metode, make_kilde
):
    gruppe = make_gruppe(navn="Eldre", synonymer=["seniorer"])
    metode = make_metode(navn="Holde dialogmøter")
    make_innsikt(
        tittel="Kveldsmøter holder eldre borte",
        grupper=[gruppe],
        kilder=[make_kilde(tittel="Dialogmøter i Innlandet")],
    )
    make_eksempel(tittel="OBOS og borettslag", grupper=[gruppe], metoder=[metode])
    content = employee_client.get(gruppe.get_absolute_url()).content.decode()
    for text in [
        "Hva vet vi om eldre?",
        "seniorer",
        "Kveldsmøter holder eldre borte",
        "OBOS og borettslag",
        "Holde dialogmøter",
        "Dialogmøter i Innlandet",
        "Sist oppdatert",
    ]:
        assert text in content, text


def test_insights_are_ordered_by_need_and_then_by_how_solid_they_are(
    make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe()
    mott = make_behov(kategori="mott", rekkefolge=1)
    lost = make_behov(kategori="lost", rekkefolge=13)
    svak = make_innsikt(grupper=[gruppe], behov=[mott], styrke=1)
    sterk = make_innsikt(grupper=[gruppe], behov=[mott], styrke=3)
    lost_innsikt = make_innsikt(grupper=[gruppe], behov=[lost], styrke=3)
    uten = make_innsikt(grupper=[gruppe])
    summary = build_group_summary(gruppe=gruppe)
    shown = [(s.kategori, s.innsikter) for s in summary.seksjoner if s.innsikter]
    assert shown == [("mott", [sterk, svak]), ("lost", [lost_innsikt]), ("annet", [uten])]


def test_an_insight_with_needs_in_two_categories_is_shown_once_with_all_its_needs(
    employee_client, make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe()
    innsikt = make_innsikt(
        tittel="Ventetiden er det verste",
        grupper=[gruppe],
        behov=[
            make_behov(kategori="lost", rekkefolge=9, tekst="å få løst behovet mitt"),
            make_behov(kategori="mott", rekkefolge=1, tekst="å bli møtt med respekt"),
        ],
    )
    summary = build_group_summary(gruppe=gruppe)
    shown = {s.kategori: s.innsikter for s in summary.seksjoner}
    assert shown == {"mott": [innsikt], "lost": []}
    assert summary.antall_innsikter == 1
    content = employee_client.get(gruppe.get_absolute_url()).content.decode()
    cards = content.split('id="funn"')[1].split('id="eksempler"')[0]
    assert cards.count("Ventetiden er det verste") == 1
    assert "«å bli møtt med respekt», «å få løst behovet mitt»" in cards
    # The second need's heading stays, and says where its finding is.
    assert "Å få løst behovet sitt" in cards
    assert "står over, under et annet behov" in cards


def test_each_need_section_is_bounded_and_says_there_are_more(make_gruppe, make_innsikt):
    gruppe = make_gruppe()
    for _ in range(PER_SECTION + 3):
        make_innsikt(grupper=[gruppe])
    (section,) = build_group_summary(gruppe=gruppe).seksjoner
    assert len(section.innsikter) == PER_SECTION
    assert section.flere is True


def test_the_counts_on_the_group_page_are_exact(employee_client, make_gruppe, make_innsikt):
    gruppe = make_gruppe()
    for _ in range(7):
        make_innsikt(grupper=[gruppe])
    make_innsikt(grupper=[gruppe], status=Innsikt.Status.UTKAST)
    response = employee_client.get(gruppe.get_absolute_url())
    assert response.context["summary"].antall_innsikter == 7
    assert "7 funn og 0 eksempler." in response.content.decode()


def test_kort_fortalt_gives_the_three_strongest_and_newest_findings_with_their_evidence(
    employee_client, make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe()
    behov = make_behov(kategori="tilgjengelig")
    gammel_sterk = make_innsikt(grupper=[gruppe], styrke=3, dato=datetime.date(2020, 5, 1))
    ny_sterk = make_innsikt(grupper=[gruppe], styrke=3, dato=datetime.date(2025, 5, 1))
    ny_middels = make_innsikt(grupper=[gruppe], behov=[behov], styrke=2)
    make_innsikt(grupper=[gruppe], styrke=1)
    make_innsikt(grupper=[gruppe], styrke=1)
    make_innsikt(grupper=[gruppe], styrke=3, status=Innsikt.Status.UTKAST)
    response = employee_client.get(gruppe.get_absolute_url())
    assert response.context["summary"].kort_fortalt == [ny_sterk, gammel_sterk, ny_middels]
    box = response.content.decode().split('id="kort-fortalt"')[1].split("</section>")[0]
    assert box.count("<li>") == 3
    assert "(godt underbygd: mange svar eller data, 2025)" in box
    assert "noe underbygd: noen samtaler, møter eller observasjoner" in box


def test_a_single_story_in_kort_fortalt_says_it_is_one_story(
    employee_client, make_gruppe, make_innsikt
):
    gruppe = make_gruppe()
    make_innsikt(grupper=[gruppe], styrke=1, tittel="Én mor fortalte om kø")
    content = employee_client.get(gruppe.get_absolute_url()).content.decode()
    box = content.split('id="kort-fortalt"')[1].split("</section>")[0]
    assert "Én mor fortalte om kø" in box
    assert "én enkelt historie: må ses sammen med annen innsikt" in box


def test_a_group_without_findings_has_no_kort_fortalt(employee_client, make_gruppe):
    content = employee_client.get(make_gruppe(navn="Turister").get_absolute_url()).content
    assert b"Kort fortalt" not in content
    assert "Vi har ingen funn om turister ennå.".encode() in content


def test_headings_speak_in_one_voice_and_plain_words(
    employee_client, make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe()
    for i, kategori in enumerate(["mott", "tilgjengelig", "forstaelig", "lost"], start=50):
        make_innsikt(
            grupper=[gruppe],
            behov=[make_behov(kategori=kategori, rekkefolge=i)],
            styrke=2,
            fra_gruppen_selv=True,
        )
    make_innsikt(grupper=[gruppe])
    content = employee_client.get(gruppe.get_absolute_url()).content.decode()
    headings = [
        h for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", content) if h != "Dette mangler vi"
    ]
    assert headings[: len(NEED_HEADINGS) + 2] == [
        "Kort fortalt",
        "Hva er viktig for dem i møte med politiet?",
        *NEED_HEADINGS.values(),
    ]
    words = " ".join(headings).lower().split()
    assert not {"jeg", "meg", "mitt", "dere"} & set(words)
    for jargon in ["Noen stemmer", "egen stemme", "Bredt grunnlag", "Enkelthistorie"]:
        assert jargon not in content
    assert "fra folk i gruppen selv" in content


def test_the_page_says_what_is_missing(make_gruppe, make_innsikt):
    gruppe = make_gruppe()
    make_innsikt(grupper=[gruppe], dato=datetime.date(2015, 1, 1), styrke=1)
    gaps = " ".join(build_group_summary(gruppe=gruppe, today=datetime.date(2026, 1, 1)).mangler)
    assert "direkte fra folk i gruppen selv" in gaps
    assert "mange svar eller data" in gaps
    assert "fra 2015" in gaps
    assert "ingen eksempler" in gaps


def test_nothing_is_reported_missing_when_the_group_is_well_covered(
    make_gruppe, make_innsikt, make_behov, make_eksempel
):
    gruppe = make_gruppe()
    behov = [
        make_behov(kategori=k, rekkefolge=i)
        for i, k in enumerate(["mott", "tilgjengelig", "forstaelig", "lost"], start=100)
    ]
    make_innsikt(grupper=[gruppe], behov=behov, fra_gruppen_selv=True, styrke=3)
    for b in behov[1:]:
        make_innsikt(grupper=[gruppe], behov=[b])
    make_eksempel(grupper=[gruppe])
    assert build_group_summary(gruppe=gruppe).mangler == []


def test_drafts_are_left_out_of_the_group_page(make_gruppe, make_innsikt, make_eksempel):
    gruppe = make_gruppe()
    make_innsikt(grupper=[gruppe], status=Innsikt.Status.UTKAST)
    make_eksempel(grupper=[gruppe], status="utkast", publisert=None)
    summary = build_group_summary(gruppe=gruppe)
    assert (summary.antall_innsikter, summary.antall_eksempler, summary.seksjoner) == (0, 0, [])


def test_the_group_shows_its_six_newest_published_examples_and_follows_changes(
    make_gruppe, make_eksempel
):
    gruppe, other = make_gruppe(), make_gruppe()
    by_year = {aar: make_eksempel(grupper=[gruppe], aar=aar) for aar in range(2012, 2022)}
    make_eksempel(grupper=[other], aar=2024)
    make_eksempel(grupper=[gruppe], aar=2024, status="utkast", publisert=None)
    shown = build_group_summary(gruppe=gruppe).eksempler
    assert shown == [by_year[aar] for aar in range(2021, 2015, -1)]
    by_year[2021].grupper.set([other])
    Eksempel.objects.filter(pk=by_year[2020].pk).update(status="returnert", publisert=None)
    shown = build_group_summary(gruppe=gruppe).eksempler
    assert shown == [by_year[aar] for aar in range(2019, 2013, -1)]


def test_editor_sees_the_group_page(editor_client, make_gruppe):
    assert editor_client.get(make_gruppe().get_absolute_url()).status_code == 200


def test_an_unknown_group_gives_not_found(employee_client):
    assert employee_client.get("/innsikt/grupper/finnes-ikke/").status_code == 404


@pytest.mark.parametrize("count", [10, 200])
def test_the_group_page_runs_a_number_of_queries_that_does_not_grow(
    employee_client,
    django_assert_max_num_queries,
    make_gruppe,
    make_innsikt,
    make_eksempel,
    make_behov,
    count,
):
    gruppe = make_gruppe()
    behov = make_behov()
    for i in range(count):
        make_innsikt(grupper=[gruppe], behov=[behov] if i % 2 else [])
    for _ in range(count // 10):
        make_eksempel(grupper=[gruppe])
    # session, user, 2 permission checks, the group with its counts and facts, the findings
    # of every need (one UNION), their sources, their needs, examples (+2 prefetches), methods
    with django_assert_max_num_queries(12):
        response = employee_client.get(gruppe.get_absolute_url())
    assert response.status_code == 200


def test_the_group_list_shows_how_much_we_know(
    employee_client, make_gruppe, make_innsikt, make_eksempel
):
    gruppe = make_gruppe(navn="Ungdom")
    make_innsikt(grupper=[gruppe])
    make_innsikt(grupper=[gruppe])
    make_eksempel(grupper=[gruppe])
    response = employee_client.get("/innsikt/grupper/")
    row = next(g for g in response.context["grupper"] if g.pk == gruppe.pk)
    assert (row.antall_innsikter, row.antall_eksempler, row.antall_kilder) == (2, 1, 2)


def test_the_group_list_counts_from_the_tables_its_models_name(
    rename_tables, employee_client, make_gruppe, make_innsikt, make_eksempel
):
    # A migration may rename the tables; the counts must follow the models, drafts left out.
    gruppe = make_gruppe(navn="Ungdom")
    make_innsikt(grupper=[gruppe])
    make_innsikt(grupper=[gruppe], status=Innsikt.Status.UTKAST)
    make_eksempel(grupper=[gruppe])
    make_eksempel(grupper=[gruppe], status=Eksempel.Status.UTKAST, publisert=None)
    rename_tables(
        Innbyggergruppe, Innsikt, Innsikt.grupper.through, Eksempel, Eksempel.grupper.through
    )
    response = employee_client.get("/innsikt/grupper/")
    assert response.status_code == 200
    row = next(g for g in response.context["grupper"] if g.pk == gruppe.pk)
    assert (row.antall_innsikter, row.antall_eksempler) == (1, 1)


def test_the_group_list_sorts_in_norwegian_order(employee_client, make_gruppe):
    for navn in ["Åpne", "Ærlige", "Østlige", "Zulu"]:
        make_gruppe(navn=navn)
    response = employee_client.get("/innsikt/grupper/")
    assert [g.navn for g in response.context["grupper"]] == ["Zulu", "Ærlige", "Østlige", "Åpne"]


def test_the_group_list_runs_a_fixed_number_of_queries(
    employee_client, django_assert_max_num_queries, make_gruppe
):
    for _ in range(20):
        make_gruppe()
    # session, user, 2 permission checks, groups with their counts
    with django_assert_max_num_queries(5):
        employee_client.get("/innsikt/grupper/")


def test_every_seed_group_page_answers_from_the_report(employee_client, seeded):
    for gruppe in Innbyggergruppe.objects.all():
        response = employee_client.get(gruppe.get_absolute_url())
        assert response.status_code == 200
        summary = response.context["summary"]
        assert summary.antall_innsikter or summary.antall_eksempler, gruppe.slug
