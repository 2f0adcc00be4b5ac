"""/folk/: «Hvem kan jeg snakke med?» – each contact of a published example, once."""

import pytest

from skattekiste.eksempler.models import Eksempel
from skattekiste.folk.models import Person, Sparringpartner

pytestmark = pytest.mark.django_db

URL = "/folk/"


def names(response):
    return [p.navn for p in response.context["page"].object_list]


def contact(navn, *, epost="", enhet="Vest politidistrikt", rolle="Politikontakt"):
    return {
        "kontakt_navn": navn,
        "kontakt_epost": epost,
        "kontakt_enhet": enhet,
        "kontakt_rolle": rolle,
    }


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_an_employee_sees_every_contact_with_role_unit_district_and_work(
    employee_client, make_eksempel, make_metode, make_tema, make_gruppe, make_distrikt
):
    metode, tema, gruppe = make_metode(navn="Dialogmøter"), make_tema(), make_gruppe(navn="Eldre")
    distrikt = make_distrikt(navn="Innlandet")
    eksempel = make_eksempel(
        metoder=[metode],
        tema=[tema],
        grupper=[gruppe],
        distrikter=[distrikt],
        **contact("Kari Nordmann", epost="kari@politiet.no", rolle="Forebygger"),
    )

    response = employee_client.get(URL)

    assert response.status_code == 200
    person = response.context["page"].object_list[0]
    assert (person.navn, person.rolle, person.enhet) == (
        "Kari Nordmann",
        "Forebygger",
        "Vest politidistrikt",
    )
    assert person.distrikter == [{"navn": "Innlandet", "slug": distrikt.slug}]
    assert person.metoder == [("Dialogmøter", metode.slug)]
    assert person.grupper == [("Eldre", gruppe.slug)] and person.temaer == [(tema.name, tema.slug)]
    assert eksempel.get_absolute_url() in response.text
    assert "mailto:kari@politiet.no" in response.text


def test_an_editor_sees_the_same_list(editor_client, make_eksempel):
    make_eksempel(**contact("Ola Nordmann"))
    response = editor_client.get(URL)
    assert names(response) == ["Ola Nordmann"]


def test_a_contact_on_several_examples_is_one_person_merged_by_email(
    employee_client, make_eksempel
):
    make_eksempel(aar=2020, **contact("Kari Nordmann", epost="kari@politiet.no"))
    make_eksempel(aar=2024, **contact("Kari M. Nordmann", epost="KARI@politiet.no ", enhet="Øst"))

    response = employee_client.get(URL)

    people = response.context["page"].object_list
    assert len(people) == 1 and people[0].antall == 2
    # The newest example gives the name and unit she goes by now.
    assert (people[0].navn, people[0].enhet) == ("Kari M. Nordmann", "Øst")
    assert response.context["page"].paginator.count == 1


def test_without_email_people_are_merged_by_name_and_unit(employee_client, make_eksempel):
    make_eksempel(**contact("Per Hansen", enhet="Voss"))
    make_eksempel(**contact("per hansen ", enhet="voss"))
    make_eksempel(**contact("Per Hansen", enhet="Bergen"))

    response = employee_client.get(URL)

    assert sorted(
        (p.navn.strip().lower(), p.enhet.lower(), p.antall)
        for p in response.context["page"].object_list
    ) == [
        ("per hansen", "bergen", 1),
        ("per hansen", "voss", 2),
    ]


@pytest.mark.parametrize(
    "status",
    [
        Eksempel.Status.UTKAST,
        Eksempel.Status.TIL_VURDERING,
        Eksempel.Status.RETURNERT,
        Eksempel.Status.AVVIST,
    ],
)
def test_the_contact_of_an_unpublished_example_never_shows(employee_client, make_eksempel, status):
    make_eksempel(
        status=status, publisert=None, **contact("Skjult Person", epost="skjult@politiet.no")
    )

    response = employee_client.get(URL)

    assert names(response) == []
    assert "Skjult Person" not in response.text
    assert "Ingen publiserte eksempler har kontaktperson ennå" in response.text


def test_a_person_with_one_published_and_one_draft_example_shows_only_the_published(
    employee_client, make_eksempel
):
    published = make_eksempel(**contact("Kari", epost="kari@politiet.no"))
    draft = make_eksempel(
        status=Eksempel.Status.UTKAST, publisert=None, **contact("Kari", epost="kari@politiet.no")
    )

    response = employee_client.get(URL)

    assert response.context["page"].object_list[0].antall == 1
    assert published.get_absolute_url() in response.text
    assert draft.slug not in response.text


def test_filters_by_method_theme_group_and_district(
    employee_client, make_eksempel, make_metode, make_tema, make_gruppe, make_distrikt
):
    metode, tema, gruppe, distrikt = make_metode(), make_tema(), make_gruppe(), make_distrikt()
    make_eksempel(metoder=[metode], **contact("Med metode"))
    make_eksempel(tema=[tema], **contact("Med tema"))
    make_eksempel(grupper=[gruppe], **contact("Med gruppe"))
    make_eksempel(distrikter=[distrikt], **contact("Med distrikt"))

    assert names(employee_client.get(f"{URL}?metode={metode.slug}")) == ["Med metode"]
    assert names(employee_client.get(f"{URL}?tema={tema.slug}")) == ["Med tema"]
    assert names(employee_client.get(f"{URL}?gruppe={gruppe.slug}")) == ["Med gruppe"]
    assert names(employee_client.get(f"{URL}?distrikt={distrikt.slug}")) == ["Med distrikt"]
    assert len(names(employee_client.get(URL))) == 4


def test_search_by_name_finds_part_of_a_name_and_treats_wildcards_as_text(
    employee_client, make_eksempel
):
    make_eksempel(**contact("Kari Nordmann"))
    make_eksempel(**contact("Ola Hansen"))

    assert names(employee_client.get(f"{URL}?navn=nord")) == ["Kari Nordmann"]
    assert names(employee_client.get(f"{URL}?navn=%25")) == []
    assert names(employee_client.get(f"{URL}?navn=_")) == []


@pytest.mark.parametrize(
    "query", ["metode=finnes-ikke", "tema=%00", "gruppe=x&gruppe=y", "navn=" + "a" * 200]
)
def test_a_bad_filter_gets_a_norwegian_message_next_to_the_field_never_a_500(
    employee_client, make_eksempel, query
):
    make_eksempel(**contact("Kari Nordmann"))

    response = employee_client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert 'class="feilmelding"' in response.text
    assert "Noe må rettes" in response.text
    assert names(response) == ["Kari Nordmann"]


def test_the_count_is_exact_after_changes_through_the_orm(employee_client, make_eksempel):
    for i in range(30):
        make_eksempel(**contact(f"Person {i:02}", epost=f"p{i % 27}@politiet.no"))
    first = Eksempel.objects.published().first()
    first.status = Eksempel.Status.AVVIST
    first.publisert = None
    first.save()

    response = employee_client.get(URL)

    recount = len(
        {e.kontakt_epost.lower() for e in Eksempel.objects.published().exclude(kontakt_navn="")}
    )
    assert response.context["page"].paginator.count == recount
    assert f"{recount} kolleger" in response.text
    # 25 on a page, by name: the rest on page two.
    page_one, page_two = names(response), names(employee_client.get(f"{URL}?page=2"))
    assert len(page_one) == 25 and len(page_two) == recount - 25
    assert page_one + page_two == sorted(page_one + page_two)


def test_the_contact_on_an_example_links_to_their_entry(employee_client, make_eksempel):
    eksempel = make_eksempel(**contact("Kari Nordmann", epost="kari@politiet.no"))
    person = Person.objects.get()

    response = employee_client.get(eksempel.get_absolute_url())

    assert f'href="/folk/kontakt/{eksempel.slug}/"' in response.text
    redirect = employee_client.get(f"/folk/kontakt/{eksempel.slug}/")
    assert redirect.status_code == 302 and redirect["Location"] == f"/folk/{person.pk}/"
    assert f'href="/folk/{person.pk}/"' in employee_client.get(URL).text


@pytest.mark.parametrize("count", [5, 60])
def test_the_list_runs_at_most_15_queries_whatever_the_number_of_people(
    employee_client, make_eksempler, django_assert_max_num_queries, count
):
    for i, eksempel in enumerate(make_eksempler(count)):
        eksempel.kontakt_navn = f"Person {i}"
        eksempel.save()
    # session, user, the four filter lists, count, page, their examples, what they worked
    # with, the sparring partners and your own entry, menu
    with django_assert_max_num_queries(14):
        response = employee_client.get(f"{URL}?navn=person")
    assert response.status_code == 200


def test_district_names_on_people_their_pages_and_sparring_entries_link_to_the_district(
    employee_client, employee, make_eksempel, make_metode, make_distrikt
):
    distrikt = make_distrikt(navn="Agder")
    make_eksempel(metoder=[make_metode()], distrikter=[distrikt], **contact("Kari Nordmann"))
    Sparringpartner.objects.create(
        bruker=employee, navn="Ola Hansen", kan_hjelpe_med="Dialog.", distrikt=distrikt
    )
    lenke = f'<a href="/oversikt/distrikter/{distrikt.slug}/">Agder</a>'

    listing = employee_client.get(URL)
    person = employee_client.get(f"/folk/{Person.objects.get().pk}/")

    assert listing.text.count(lenke) == 2  # the contact and the sparring partner
    assert lenke in person.text
