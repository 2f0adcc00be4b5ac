"""The search understands Norwegian: inflections, compounds, synonyms, group questions, ranking."""

import pytest

from skattekiste.eksempler.models import Eksempel
from skattekiste.sok import candidates
from skattekiste.sok.candidates import search
from skattekiste.sok.query import parse_query

pytestmark = pytest.mark.django_db


def titles(hits, kind="eksempel"):
    return [hit.title for hit in hits if hit.type.key == kind]


def test_every_form_of_innbygger_finds_every_other_form(make_eksempel, search_words, find):
    make_eksempel(tittel="En", ingress="Vi snakket med hver innbygger på torget.")
    make_eksempel(tittel="To", ingress="Mange innbyggere kom på møtet.")
    make_eksempel(tittel="Tre", ingress="Innbyggerne svarte på undersøkelsen.")
    search_words()
    # The stemmer alone gives three different stems: innbygg, innbygger, innbyggern.
    for form in ["innbygger", "innbyggere", "innbyggerne"]:
        assert set(titles(find(form))) == {"En", "To", "Tre"}, form


def test_mote_motet_and_motene_find_each_other(make_eksempel, search_words, find):
    make_eksempel(tittel="Møtet", ingress="Møtet i Stryn samlet beboerne.")
    make_eksempel(tittel="Møtene", ingress="Møtene ble holdt hver måned.")
    search_words()
    assert set(titles(find("møte"))) == {"Møtet", "Møtene"}
    assert set(titles(find("møtene"))) == {"Møtet", "Møtene"}


def test_ungdom_finds_ungdommer_and_ungdommen(make_eksempel, search_words, find):
    make_eksempel(tittel="Flertall", ingress="Ungdommer på Voss ble spurt.")
    make_eksempel(tittel="Bestemt", ingress="Ungdommen i sentrum ble invitert.")
    search_words()
    assert set(titles(find("ungdom"))) == {"Flertall", "Bestemt"}


def test_a_whole_compound_finds_texts_that_say_its_parts(make_eksempel, search_words, find):
    make_eksempel(tittel="Delene", ingress="Vi tok en prat med folk i nærmiljøet.")
    make_eksempel(tittel="Hele ordet", ingress="Nærmiljøprat på biblioteket hver tirsdag.")
    make_eksempel(tittel="Bare det ene", ingress="En prat på kontoret.")
    search_words()
    found = titles(find("nærmiljøprat"))
    assert set(found) == {"Delene", "Hele ordet"}
    # The text with the compound itself comes first.
    assert found[0] == "Hele ordet"


def test_a_part_finds_the_compounds_that_contain_it(make_eksempel, search_words, find):
    make_eksempel(tittel="Nett", ingress="Nettpatruljen svarte ungdom på nett.")
    make_eksempel(tittel="Bygg", ingress="Det nye politibygget fikk innspill fra politiet.")
    make_eksempel(tittel="Nettet", ingress="Ungdom er mye på nettet.")
    search_words()
    assert titles(find("patrulje")) == ["Nett"]
    assert titles(find("bygg")) == ["Bygg"]


def test_a_part_does_not_find_words_that_merely_start_with_it(make_eksempel, search_words, find):
    make_eksempel(tittel="Politiet", ingress="Politiet inviterte til møte.")
    make_eksempel(tittel="Politisk", ingress="Et politisk vedtak i kommunen.")
    search_words()
    assert titles(find("politi")) == ["Politiet"]


def test_a_group_synonym_finds_texts_that_use_the_groups_name(
    make_eksempel, make_gruppe, search_words, find
):
    make_gruppe(navn="Eldre", slug="eldre", synonymer=["seniorer", "pensjonister"])
    make_eksempel(tittel="Om eldre", ingress="Eldre i borettslaget lærte om svindel.")
    make_eksempel(tittel="Om barn", ingress="Barn på skolen lærte om nettvett.")
    search_words()
    assert titles(find("seniorer")) == ["Om eldre"]


def test_the_teams_thesaurus_makes_words_find_each_other(
    make_eksempel, make_synonym, search_words, find
):
    make_synonym("svindel", ["bedrageri", "lureri"])
    make_eksempel(tittel="Svindel", ingress="Svindel på telefon rammer mange.")
    make_eksempel(tittel="Annet", ingress="Trafikk i sentrum.")
    search_words()
    assert titles(find("bedrageri")) == ["Svindel"]
    assert titles(find("lureri")) == ["Svindel"]


@pytest.mark.parametrize(
    "question",
    ["Hva vet vi om skeive?", "hva vet vi om LHBTIQ+", "skeive", "transpersoner"],
)
def test_a_question_naming_a_group_puts_the_groups_page_first(
    question, make_gruppe, make_eksempel, search_words, find
):
    make_gruppe(navn="Skeive", slug="skeive", synonymer=["LHBTIQ+", "transpersoner"])
    make_gruppe(navn="Eldre", slug="eldre", synonymer=["seniorer"])
    make_eksempel(tittel="Skeive", ingress="Skeive ungdommer ble invitert til samtale.")
    search_words()
    hits = find(question)
    assert hits[0].type.key == "gruppe"
    assert hits[0].pinned
    assert hits[0].url == "/innsikt/grupper/skeive/"
    assert hits[0].display_title == "Hva vet vi om skeive?"


def test_an_inflected_group_name_still_names_the_group(make_gruppe, search_words, find):
    make_gruppe(navn="Ungdom", slug="ungdom", synonymer=["unge", "ungdommer"])
    search_words()
    assert find("hva vet vi om ungdommen")[0].url == "/innsikt/grupper/ungdom/"


def test_the_group_page_is_first_even_when_its_text_does_not_match(
    make_gruppe, make_eksempel, search_words, find
):
    make_gruppe(navn="Eldre", slug="eldre", synonymer=["pensjonister"], beskrivelse="")
    make_eksempel(tittel="Pensjonister", ingress="Pensjonister lærte om nettsvindel.")
    search_words()
    hits = find("pensjonister")
    assert [(h.type.key, h.pinned) for h in hits][0] == ("gruppe", True)
    assert titles(hits) == ["Pensjonister"]


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(make_eksempel, find):
    make_eksempel(
        tittel="Besøk på skolen",
        ingress="Politikontakten besøkte skolen.",
        beskrivelse="Etterpå inviterte vi til dialogmøte.",
    )
    make_eksempel(tittel="Dialogmøte i sentrum", ingress="Politiet inviterte beboerne.")
    make_eksempel(tittel="Spørreundersøkelse", ingress="Svarene ble grunnlag for et dialogmøte.")
    assert titles(find("dialogmøte")) == [
        "Dialogmøte i sentrum",
        "Spørreundersøkelse",
        "Besøk på skolen",
    ]


def test_title_matches_are_ranked_even_when_more_texts_match_than_are_ranked(
    monkeypatch, make_eksempel, find
):
    monkeypatch.setattr(candidates, "BODY_CANDIDATES", 3)
    candidates._candidates_sql.cache_clear()
    try:
        for n in range(8):
            make_eksempel(tittel=f"Eksempel {n}", ingress="Vi holdt et dialogmøte.")
        make_eksempel(tittel="Dialogmøte med ungdom", ingress="Sist laget.")
        result = search(parse_query("dialogmøte"))
    finally:
        candidates._candidates_sql.cache_clear()
    assert titles(result.hits)[0] == "Dialogmøte med ungdom"
    count = next(c for c in result.counts if c.type.key == "eksempel")
    assert count.capped
    assert count.display == "3+"


def test_all_words_must_match_before_some_words_are_enough(make_eksempel, find):
    make_eksempel(tittel="Begge", ingress="Eldre lærte om svindel på telefon.")
    make_eksempel(tittel="Bare eldre", ingress="Eldre i borettslaget.")
    assert titles(find("eldre svindel")) == ["Begge"]
    result = search(parse_query("eldre kvantefysikk"))
    assert result.any_word
    assert {h.title for h in result.hits} == {"Begge", "Bare eldre"}


def test_a_misspelt_word_gets_a_suggestion_from_the_content(make_eksempel, search_words):
    make_eksempel(tittel="Dialog", ingress="Vi holdt dialogmøte med beboerne.")
    search_words()
    result = search(parse_query("dialgmøte"))
    assert result.hits == []
    assert result.suggestion == "dialogmøte"


def test_a_typo_in_the_first_letter_gets_a_suggestion_too(make_eksempel, search_words):
    make_eksempel(tittel="Dialog", ingress="Vi holdt dialogmøte med beboerne.")
    search_words()
    result = search(parse_query("sialogmøte"))
    assert result.hits == []
    assert result.suggestion == "dialogmøte"


def test_a_suggestion_never_reveals_a_word_from_a_draft(make_eksempel, search_words):
    make_eksempel(tittel="Offentlig", ingress="Vi holdt dialogmøte.")
    make_eksempel(
        tittel="Utkast",
        ingress="Kodeordet er hemmeligstempel.",
        status=Eksempel.Status.UTKAST,
        publisert=None,
    )
    search_words()
    result = search(parse_query("hemmeligstempe"))
    assert result.hits == []
    assert "hemmelig" not in result.suggestion


def test_a_suggestion_stops_offering_a_word_once_its_only_text_is_withdrawn(
    make_eksempel, search_words
):
    make_eksempel(tittel="Offentlig", ingress="Vi holdt dialogmøte.")
    withdrawn = make_eksempel(tittel="Trukket", ingress="Vi prøvde nabolagsvandring.")
    search_words()
    assert search(parse_query("nabolagvandring")).suggestion == "nabolagsvandring"

    # Withdrawn after the word list was built; the nightly refresh has not run yet.
    Eksempel.objects.filter(pk=withdrawn.pk).update(status=Eksempel.Status.UTKAST)

    assert "nabolagsvandring" not in search(parse_query("nabolagvandring")).suggestion


def test_method_cards_needs_sources_and_groups_are_found_too(
    make_metode, make_behov, make_kilde, make_gruppe, find
):
    metode = make_metode(navn="Innbyggerpanel", ingress="Et panel av innbyggere.")
    metode.steg.create(rekkefolge=1, tekst="Rekrutter deltakere fra nabolaget.")
    make_behov(tekst="at dere er tilgjengelige når jeg trenger dere")
    make_kilde(tittel="Spørreundersøkelse om trygghet", beskrivelse="Svar fra innbyggere.")
    make_gruppe(navn="Beboere", beskrivelse="Folk som bor i nabolaget.")
    assert {h.type.key for h in find("nabolaget")} == {"metode", "gruppe"}
    assert [h.type.key for h in find("tilgjengelige")] == ["behov"]
    assert [h.type.key for h in find("trygghet")] == ["kilde"]
