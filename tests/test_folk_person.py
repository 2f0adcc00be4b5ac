"""/folk/<nr>/: one person's page, and the people table the triggers keep exact."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from skattekiste.eksempler.models import Eksempel
from skattekiste.folk.models import Person

pytestmark = pytest.mark.django_db


def contact(navn, *, epost="", enhet="Vest politidistrikt", rolle="Politikontakt"):
    return {
        "kontakt_navn": navn,
        "kontakt_epost": epost,
        "kontakt_enhet": enhet,
        "kontakt_rolle": rolle,
    }


def recount() -> dict:
    """People and their counts, straight from the published examples."""
    people = {}
    for e in Eksempel.objects.published().exclude(kontakt_navn="").order_by("aar", "id"):
        if e.kontakt_epost:
            key = "e:" + e.kontakt_epost.strip(" ").lower()
        else:
            key = f"n:{e.kontakt_navn.strip(' ').lower()}|{e.kontakt_enhet.strip(' ').lower()}"
        navn, antall = people.get(key, ("", 0))
        people[key] = (e.kontakt_navn, antall + 1)
    return people


def table() -> dict:
    return {p.nokkel: (p.navn, p.antall) for p in Person.objects.all()}


def test_the_person_page_shows_role_unit_district_and_what_they_worked_with(
    employee_client, make_eksempel, make_metode, make_tema, make_gruppe, make_distrikt
):
    metode, tema = make_metode(navn="Dialogmøter"), make_tema(name="Trygghet")
    gruppe, distrikt = make_gruppe(navn="Eldre"), make_distrikt(navn="Innlandet")
    eksempel = make_eksempel(
        metoder=[metode],
        tema=[tema],
        grupper=[gruppe],
        distrikter=[distrikt],
        **contact("Kari Nordmann", epost="kari@politiet.no", rolle="Forebygger"),
    )
    person = Person.objects.get()

    response = employee_client.get(person.get_absolute_url())

    assert response.status_code == 200
    for text in ("Kari Nordmann", "Forebygger", "Vest politidistrikt", "Innlandet", "Trygghet"):
        assert text in response.text
    assert metode.get_absolute_url() in response.text
    assert gruppe.get_absolute_url() in response.text
    assert eksempel.get_absolute_url() in response.text
    assert "Kontaktperson for ett eksempel" in response.text
    # The address is a number, never the e-mail address.
    assert "@" not in person.get_absolute_url()


def test_an_editor_opens_the_person_page_and_an_anonymous_visitor_is_sent_to_login(
    editor_client, make_eksempel
):
    make_eksempel(**contact("Ola Nordmann"))
    url = Person.objects.get().get_absolute_url()
    assert editor_client.get(url).status_code == 200
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")


def test_a_person_is_merged_across_examples_and_keeps_their_address(employee_client, make_eksempel):
    make_eksempel(aar=2020, **contact("Kari Nordmann", epost="kari@politiet.no"))
    url = Person.objects.get().get_absolute_url()
    make_eksempel(aar=2024, **contact("Kari M. Nordmann", epost=" KARI@politiet.no"))

    person = Person.objects.get()
    assert person.get_absolute_url() == url and person.antall == 2
    response = employee_client.get(url)
    assert "Kari M. Nordmann" in response.text and "Kontaktperson for 2 eksempler" in response.text


@pytest.mark.parametrize(
    "status",
    [
        Eksempel.Status.UTKAST,
        Eksempel.Status.TIL_VURDERING,
        Eksempel.Status.RETURNERT,
        Eksempel.Status.AVVIST,
    ],
)
def test_the_contact_of_a_draft_or_declined_example_has_no_page_and_no_link(
    employee_client, make_eksempel, status
):
    eksempel = make_eksempel(status=status, publisert=None, **contact("Skjult Person"))

    assert not Person.objects.exists()
    assert employee_client.get(f"/folk/kontakt/{eksempel.slug}/").status_code == 404
    assert "Skjult Person" not in employee_client.get("/folk/").text


def test_a_person_whose_last_example_is_unpublished_disappears(employee_client, make_eksempel):
    eksempel = make_eksempel(**contact("Kari Nordmann", epost="kari@politiet.no"))
    url = Person.objects.get().get_absolute_url()

    eksempel.status, eksempel.publisert = Eksempel.Status.AVVIST, None
    eksempel.save()

    assert not Person.objects.exists()
    assert employee_client.get(url).status_code == 404


def test_an_unknown_person_gets_a_404(employee_client):
    assert employee_client.get("/folk/999999/").status_code == 404


def test_the_people_table_equals_a_recount_after_orm_bulk_and_queryset_writes(make_eksempel):
    for i in range(12):
        make_eksempel(aar=2015 + i % 5, **contact(f"Person {i % 4}", epost=f"p{i % 5}@politiet.no"))
    make_eksempel(**contact("Uten E-post", enhet="Voss"))
    assert table() == recount()

    Eksempel.objects.filter(aar=2016).update(status=Eksempel.Status.UTKAST, publisert=None)
    assert table() == recount()
    Eksempel.objects.filter(aar=2017).update(kontakt_epost="ny@politiet.no")
    assert table() == recount()
    Eksempel.objects.filter(aar=2018).update(kontakt_navn="")
    assert table() == recount()
    first = Eksempel.objects.published().first()
    Eksempel.objects.bulk_create(
        [
            Eksempel(
                tittel=f"Bulk {i}",
                slug=f"bulk-{i}",
                ingress="Kort.",
                aar=2025,
                situasjoner=["A"],
                status=Eksempel.Status.PUBLISERT,
                publisert=first.publisert,
                **contact("Bulk Person", epost="bulk@politiet.no"),
            )
            for i in range(3)
        ]
    )
    assert table() == recount()
    Eksempel.objects.filter(aar=2019).delete()
    assert table() == recount()
    assert Person.objects.get(nokkel="e:bulk@politiet.no").antall == 3


def test_the_people_table_equals_a_recount_after_loaddata(make_eksempel, tmp_path):
    for i in range(3):
        make_eksempel(**contact("Kari Nordmann", epost=f"kari{i % 2}@politiet.no"))
    dump = tmp_path / "eksempler.json"
    call_command("dumpdata", "skattekiste.eksempel", output=str(dump), verbosity=0)
    Eksempel.objects.all().delete()
    assert not Person.objects.exists()

    call_command("loaddata", str(dump), verbosity=0)

    assert len(table()) == 2 and table() == recount()


def test_emptying_the_examples_table_empties_the_people(make_eksempel):
    make_eksempel(**contact("Kari Nordmann"))
    with connection.cursor() as cursor:
        # The test's transaction defers foreign-key checks; TRUNCATE wants them done.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE skattekiste_eksempel CASCADE")
    assert not Person.objects.exists()


@pytest.mark.parametrize("count", [3, 40])
def test_the_person_page_runs_few_queries_whatever_the_number_of_examples(
    employee_client, make_eksempler, django_assert_max_num_queries, count
):
    for eksempel in make_eksempler(count):
        eksempel.kontakt_navn, eksempel.kontakt_epost = "Kari", "kari@politiet.no"
        eksempel.save()
    url = Person.objects.get().get_absolute_url()
    # session, user, person, newest examples, what they worked with, menu
    with django_assert_max_num_queries(8):
        response = employee_client.get(url)
    assert response.status_code == 200
