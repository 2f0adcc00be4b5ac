"""/kom-i-gang/: the method chooser ranks the cards by the report's map and says why."""

import itertools
import re

import pytest

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.folk.models import Sparringpartner
from skattekiste.komigang.ranking import Answers, rank_methods

pytestmark = pytest.mark.django_db

URL = "/kom-i-gang/"

# The report's method map (page 26–27), written out by hand: card number → the rows
# (situations) it sits in, its column (how many citizens) and what it helps us understand.
REPORT_MAP = {
    1: ("AC", "faa", "hvorfor"),
    2: ("B", "faa", "hvorfor"),
    3: ("C", "faa", "hvorfor"),
    4: ("ABC", "flere", "hvorfor"),
    5: ("B", "faa", "hvorfor"),
    6: ("BC", "flere", "hva"),
    7: ("BC", "mange", "hva"),
    8: ("BC", "mange", "hva"),
    9: ("C", "mange", "hva"),
}
URL_REACH = {"fa": "faa", "flere": "flere", "mange": "mange"}


def _fits_the_map(nummer, situasjon, forsta, rekkevidde):
    rows, column, why = REPORT_MAP[nummer]
    return (
        (situasjon is None or situasjon in rows)
        and (rekkevidde is None or URL_REACH[rekkevidde] == column)
        and (forsta is None or forsta == why)
    )


def _query(**answers):
    return "&".join(f"{k}={v}" for k, v in answers.items())


COMBINATIONS = list(
    itertools.product(
        ["A", "B", "C", None], ["hvorfor", "hva", None], ["fa", "flere", "mange", None]
    )
)


@pytest.fixture
def kart(make_metode):
    """The nine cards with the report map's rows, columns and why/what."""
    for nummer, (rows, column, why) in REPORT_MAP.items():
        make_metode(nummer=nummer, situasjoner=list(rows), rekkevidde=column, forstaaelse=why)


def _check_every_combination(metoder):
    for situasjon, forsta, rekkevidde in COMBINATIONS:
        answers = Answers(situasjon=situasjon, forsta=forsta, rekkevidde=URL_REACH.get(rekkevidde))
        ranked = rank_methods(metoder, answers)
        combination = (situasjon, forsta, rekkevidde)

        assert sorted(r.metode.nummer for r in ranked) == list(range(1, 10)), combination
        fitting = {r.metode.nummer for r in ranked if r.passer}
        expected = {n for n in REPORT_MAP if _fits_the_map(n, situasjon, forsta, rekkevidde)}
        assert fitting == expected, combination
        # The fitting cards come first, and each card says why or why not.
        assert [r.passer for r in ranked] == sorted((r.passer for r in ranked), reverse=True)
        for r in ranked:
            assert r.passer_ikke_fordi if not r.passer else not r.mismatch, combination


def test_every_combination_of_the_three_questions_fits_the_cards_the_report_map_names(seeded):
    # The product's own cards, as loaded from fixtures/03_metoder.json.
    metoder = list(Metode.objects.all())
    assert {m.nummer: ("".join(m.situasjoner), m.rekkevidde, m.forstaaelse) for m in metoder} == (
        REPORT_MAP
    )
    _check_every_combination(metoder)


def test_the_answer_says_why_a_card_fits_in_plain_words(employee_client, kart):
    response = employee_client.get(f"{URL}?situasjon=B&forsta=hvorfor&rekkevidde=fa")

    kort = response.context["kort"]
    assert [k["r"].metode.nummer for k in kort[:2]] == [2, 5]
    assert "Passer fordi: situasjon B, forstå «hvorfor», få innbyggere" in response.text


def test_a_card_that_does_not_fit_says_why_not(employee_client, kart):
    response = employee_client.get(f"{URL}?situasjon=A&forsta=hvorfor&rekkevidde=fa")

    text = response.text
    assert "Passer ikke fordi: kortet brukes i situasjon C, ikke A (oppgaveløsning)" in text
    assert "kortet passer for mange innbyggere, ikke få innbyggere" in text


def test_when_nothing_fits_every_card_is_shown_best_partial_fit_first(employee_client, kart):
    # Situation A with many citizens: the map has no card there.
    response = employee_client.get(f"{URL}?situasjon=A&forsta=hva&rekkevidde=mange")

    kort = [k["r"] for k in response.context["kort"]]
    assert len(kort) == 9
    assert not any(r.passer for r in kort)
    # The row weighs most: the cards used in situation A come before those that are not.
    assert {r.metode.nummer for r in kort[:2]} == {1, 4}
    assert all("Passer ikke fordi" in r.passer_ikke_fordi for r in kort)


def test_the_ranking_is_the_same_every_time(employee_client, kart):
    first = employee_client.get(f"{URL}?situasjon=C&rekkevidde=vet-ikke&forsta=hva")
    second = employee_client.get(f"{URL}?situasjon=C&rekkevidde=vet-ikke&forsta=hva")

    def order(r):
        return [k["r"].metode.nummer for k in r.context["kort"]]

    assert order(first) == order(second) == [6, 7, 8, 9, 1, 3, 4, 2, 5]


def test_vet_ikke_asks_nothing_and_every_card_fits(employee_client, kart):
    response = employee_client.get(f"{URL}?situasjon=vet-ikke&forsta=vet-ikke&rekkevidde=vet-ikke")

    kort = [k["r"] for k in response.context["kort"]]
    assert [r.metode.nummer for r in kort] == list(range(1, 10))
    assert all(r.passer for r in kort)
    assert "alle kortene står i nummerrekkefølge" in response.text


def test_the_empty_form_asks_the_questions_with_vet_ikke_and_shows_no_result(
    employee_client,
):
    response = employee_client.get(URL)

    assert response.status_code == 200
    assert "kort" not in response.context
    for name in ("situasjon", "forsta", "rekkevidde"):
        assert f'name="{name}" value="vet-ikke"' in response.text
    assert 'action="/kom-i-gang/"' in response.text and 'method="get"' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "situasjon=D",
        "forsta=hvem",
        "rekkevidde=faa",
        "gruppe=finnes-ikke",
        "distrikt=%00",
        "situasjon=%C3%A6",
        "rekkevidde=" + "x" * 5000,
    ],
)
def test_a_bad_answer_gets_a_norwegian_message_next_to_the_field_never_a_500(
    employee_client, kart, query
):
    response = employee_client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert 'class="feilmelding"' in response.text
    assert "fra listen" in response.text
    assert "Noe må rettes" in response.text
    assert len(response.context["kort"]) == 9


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(f"{URL}?situasjon=B")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_editor_uses_the_chooser_too(editor_client, kart):
    response = editor_client.get(f"{URL}?situasjon=B")
    assert response.status_code == 200
    assert len(response.context["kort"]) == 9


def test_the_chooser_is_in_the_menu_and_marked_as_the_current_section(employee_client):
    response = employee_client.get(URL)
    assert re.search(
        r'<a href="/kom-i-gang/" aria-current="page"[^>]*>Kom i gang</a>', response.text
    ) or ('aria-current="page"' in response.text and ">Kom i gang<" in response.text)


def test_examples_under_a_card_come_same_group_first_then_own_district_then_newest(
    employee_client, make_metode, make_eksempel, make_gruppe, make_distrikt
):
    metode = make_metode(situasjoner=["B"])
    gruppe, distrikt, annet = make_gruppe(), make_distrikt(), make_distrikt()
    newest = make_eksempel(metoder=[metode], aar=2025, distrikter=[annet], tittel="Nyeste")
    in_district = make_eksempel(
        metoder=[metode], aar=2020, distrikter=[distrikt], tittel="Distrikt"
    )
    in_group = make_eksempel(
        metoder=[metode], aar=2018, grupper=[gruppe], distrikter=[annet], tittel="Gruppe"
    )
    make_eksempel(metoder=[metode], aar=2026, grupper=[gruppe], status="utkast", publisert=None)
    make_eksempel(metoder=[metode], aar=2017, distrikter=[annet], tittel="Eldst")

    response = employee_client.get(f"{URL}?gruppe={gruppe.slug}&distrikt={distrikt.slug}")

    eksempler = response.context["kort"][0]["eksempler"]
    assert [e.slug for e in eksempler] == [in_group.slug, in_district.slug, newest.slug]
    assert eksempler[0].samme_gruppe and eksempler[1].eget_distrikt
    assert "samme gruppe" in response.text and "ditt distrikt" in response.text


def test_examples_with_the_same_theme_come_first_like_the_same_group(
    employee_client, make_metode, make_eksempel, make_tema
):
    metode = make_metode()
    tema = make_tema(name="Vold i nære relasjoner")
    make_eksempel(metoder=[metode], aar=2025, tittel="Nyeste")
    same = make_eksempel(metoder=[metode], aar=2019, tema=[tema], tittel="Samme tema")

    response = employee_client.get(f"{URL}?tema={tema.slug}")

    eksempler = response.context["kort"][0]["eksempler"]
    assert eksempler[0].slug == same.slug and eksempler[0].samme_tema
    assert "samme tema" in response.text
    assert f'value="{tema.slug}" selected' in response.text


def test_people_to_talk_to_include_contacts_with_the_chosen_theme(
    employee_client, make_metode, make_eksempel, make_tema
):
    metode = make_metode()
    tema = make_tema()
    make_eksempel(metoder=[metode], tema=[tema], kontakt_navn="Tema Kontakt")
    make_eksempel(metoder=[metode], kontakt_navn="Uten Tema")

    response = employee_client.get(f"{URL}?tema={tema.slug}")

    assert [p.navn for p in response.context["kort"][0]["folk"]] == ["Tema Kontakt"]


def test_the_time_answer_quotes_what_the_card_says_about_time_and_invents_no_figure(
    employee_client, make_metode
):
    with_advice = make_metode(navn="Spørreundersøkelse")
    with_advice.steg.create(rekkefolge=1, tekst="Definer et tydelig mål")
    with_advice.steg.create(
        rekkefolge=2, tekst="Sett av nok tid til analyse, deling og oppfølging av resultatene"
    )
    with_advice.husk.create(rekkefolge=1, tekst="Respekter folks tid! Ikke spør om mye.")
    make_metode(navn="Dialogmøte")

    response = employee_client.get(f"{URL}?tid=lite")

    first, second = response.context["kort"]
    assert first["om_tid"] == [
        "Sett av nok tid til analyse, deling og oppfølging av resultatene",
        "Respekter folks tid! Ikke spør om mye.",
    ]
    assert second["om_tid"] == []
    assert "«Sett av nok tid til analyse" in response.text
    assert "Rapporten sier ikke hvor lang tid dette kortet tar." in response.text
    assert not re.search(r"\d+\s*(timer|dager|uker|minutter)", response.text)


def test_without_a_time_answer_the_cards_say_nothing_about_time(employee_client, make_metode):
    make_metode()
    for query in ("situasjon=A", "tid=vet-ikke"):
        response = employee_client.get(f"{URL}?{query}")
        assert "hvor lang tid" not in response.text


@pytest.mark.parametrize(
    "query, field",
    [("tid=i-morgen", "tid"), ("tema=finnes-ikke", "tema")],
)
def test_a_bad_time_or_theme_gets_a_message_next_to_the_field(
    employee_client, make_metode, query, field
):
    make_metode()
    response = employee_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.text
    assert len(response.context["kort"]) == 1


def test_people_to_talk_to_are_contacts_of_published_examples_with_the_card_and_group(
    employee_client, make_metode, make_eksempel, make_gruppe
):
    metode = make_metode()
    gruppe = make_gruppe()
    contact = {"kontakt_rolle": "Politikontakt", "kontakt_enhet": "Valdres lensmannskontor"}
    make_eksempel(
        metoder=[metode],
        grupper=[gruppe],
        kontakt_navn="Kari Nordmann",
        kontakt_epost="kari@politiet.no",
        aar=2024,
        **contact,
    )
    # The same person again (e-mail in other case): one entry.
    make_eksempel(
        metoder=[metode],
        grupper=[gruppe],
        kontakt_navn="Kari Nordmann",
        kontakt_epost="KARI@politiet.no",
        aar=2023,
        **contact,
    )
    make_eksempel(
        metoder=[metode],
        grupper=[gruppe],
        kontakt_navn="Utkast Person",
        status=Eksempel.Status.UTKAST,
        publisert=None,
    )
    make_eksempel(
        metoder=[metode],
        grupper=[gruppe],
        kontakt_navn="Avvist Person",
        status=Eksempel.Status.AVVIST,
        publisert=None,
    )
    make_eksempel(metoder=[metode], kontakt_navn="Annen Gruppe")

    response = employee_client.get(f"{URL}?gruppe={gruppe.slug}")

    folk = response.context["kort"][0]["folk"]
    assert [p.navn for p in folk] == ["Kari Nordmann"]
    assert folk[0].rolle == "Politikontakt" and folk[0].enhet == "Valdres lensmannskontor"
    assert "Utkast Person" not in response.text and "Avvist Person" not in response.text
    assert f'href="/folk/{folk[0].pk}/"' in response.text


def test_district_names_of_people_and_sparring_partners_link_to_the_district(
    employee_client, employee, make_metode, make_eksempel, make_distrikt
):
    metode, distrikt = make_metode(), make_distrikt(navn="Agder")
    make_eksempel(metoder=[metode], distrikter=[distrikt], kontakt_navn="Kari Nordmann")
    partner = Sparringpartner.objects.create(
        bruker=employee, navn="Ola Hansen", kan_hjelpe_med="Dialog.", distrikt=distrikt
    )
    partner.metoder.add(metode)

    response = employee_client.get(f"{URL}?situasjon=vet-ikke")

    lenke = f'<a href="/oversikt/distrikter/{distrikt.slug}/">Agder</a>'
    assert response.text.count(lenke) == 2


def test_what_we_know_about_the_group_shows_its_strongest_findings_and_links_to_its_page(
    employee_client, kart, make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe(navn="Eldre")
    behov = make_behov(tekst="Jeg vil bli møtt med respekt")
    make_innsikt(tittel="Eldre vil ha noen å ringe", grupper=[gruppe], behov=[behov], styrke=3)
    make_innsikt(tittel="Et utkast om eldre", grupper=[gruppe], status="utkast")

    response = employee_client.get(f"{URL}?situasjon=B&gruppe={gruppe.slug}")

    assert "Dette vet vi om eldre" in response.text
    assert "Eldre vil ha noen å ringe" in response.text
    assert "«Jeg vil bli møtt med respekt»" in response.text
    assert "Et utkast om eldre" not in response.text
    assert (
        f'href="/innsikt/grupper/{gruppe.slug}/"' in response.text
        or gruppe.get_absolute_url() in response.text
    )


def test_the_result_offers_to_share_the_experience_afterwards(employee_client, kart):
    response = employee_client.get(f"{URL}?situasjon=A")
    assert 'href="/bidra/"' in response.text


@pytest.mark.parametrize("count", [10, 60])
def test_the_chooser_runs_at_most_15_queries_whatever_the_number_of_examples(
    employee_client,
    make_eksempler,
    make_gruppe,
    make_innsikt,
    django_assert_max_num_queries,
    count,
):
    eksempler = make_eksempler(count)
    gruppe = eksempler[0].grupper.first()
    for e in eksempler[:5]:
        e.kontakt_navn = f"Kontakt {e.pk}"
        e.save()
    make_innsikt(grupper=[gruppe])
    distrikt = eksempler[0].distrikter.first()
    tema = eksempler[0].tema.first()
    # session, user, groups, districts, examples, people, cards, steps, findings, needs,
    # and the menu's permission reads
    with django_assert_max_num_queries(15):
        response = employee_client.get(
            f"{URL}?situasjon=B&forsta=hvorfor&rekkevidde=fa&gruppe={gruppe.slug}"
            f"&tema={tema.slug}&distrikt={distrikt.slug}&tid=lite"
        )
    assert response.status_code == 200


def test_the_home_page_the_method_map_and_every_card_link_to_the_chooser(
    employee_client, make_metode
):
    cards = [make_metode(), make_metode(situasjoner=["B", "C"])]
    pages = ["/", "/metoder/", *(m.get_absolute_url() for m in cards)]
    for page in pages:
        response = employee_client.get(page)
        assert response.status_code == 200, page
        assert 'href="/kom-i-gang/' in response.text, page
