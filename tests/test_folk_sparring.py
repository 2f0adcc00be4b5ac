"""Sparring partners: an employee adds, edits and removes their own entry in /folk/."""

import pytest
from django.test import Client

from skattekiste.folk.models import Sparringpartner
from skattekiste.folk.workflows import save_entry
from tests.helpers import login
from tests.identity_numbers import build_identity_number
from tests.test_races import Race, at_once

pytestmark = pytest.mark.django_db

NY = "/folk/sparring/"


def entry_data(**overrides):
    data = {
        "navn": "Kari Nordmann",
        "rolle": "Politikontakt",
        "enhet": "Valdres lensmannskontor",
        "kan_hjelpe_med": "Jeg har holdt dialogmøter med ungdom og hjelper gjerne.",
    }
    return {**data, **overrides}


def test_an_employee_adds_themself_and_is_shown_in_folk_and_the_chooser(
    employee, employee_client, make_metode, make_gruppe, make_distrikt
):
    metode, gruppe, distrikt = make_metode(navn="Dialogmøter"), make_gruppe(), make_distrikt()

    response = employee_client.post(
        NY, entry_data(metoder=[metode.pk], grupper=[gruppe.pk], distrikt=distrikt.pk)
    )

    assert response.status_code == 302
    entry = Sparringpartner.objects.get()
    assert entry.bruker == employee and list(entry.metoder.all()) == [metode]
    listing = employee_client.get("/folk/")
    assert "Sparringpartnere" in listing.text
    assert "Jeg har holdt dialogmøter med ungdom" in listing.text
    assert f'href="/folk/sparring/{entry.pk}/"' in listing.text
    chooser = employee_client.get(f"/kom-i-gang/?gruppe={gruppe.slug}")
    assert chooser.context["kort"][0]["sparring"][0].navn == "Kari Nordmann"
    assert f'href="/folk/#sparring-{entry.pk}"' in chooser.text


def test_the_owner_edits_and_removes_their_entry(employee_client):
    employee_client.post(NY, entry_data())
    entry = Sparringpartner.objects.get()

    # The add form shows the entry there is: one per person.
    assert employee_client.get(NY).context["entry"] == entry
    response = employee_client.post(
        f"/folk/sparring/{entry.pk}/", entry_data(kan_hjelpe_med="Spørreundersøkelser.")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.kan_hjelpe_med == "Spørreundersøkelser."

    assert employee_client.post(f"/folk/sparring/{entry.pk}/fjern/").status_code == 302
    assert not Sparringpartner.objects.exists()


def test_another_user_gets_a_404_on_someone_elses_entry(employee_client, editor, make_user):
    employee_client.post(NY, entry_data())
    entry = Sparringpartner.objects.get()
    for user in (editor, make_user()):
        other = login(user)
        assert other.get(f"/folk/sparring/{entry.pk}/").status_code == 404
        assert other.post(f"/folk/sparring/{entry.pk}/", entry_data(navn="X")).status_code == 404
        assert other.post(f"/folk/sparring/{entry.pk}/fjern/").status_code == 404
    entry.refresh_from_db()
    assert entry.navn == "Kari Nordmann"


def test_an_editor_adds_an_entry_too(editor_client):
    assert editor_client.get(NY).status_code == 200
    assert editor_client.post(NY, entry_data()).status_code == 302
    assert Sparringpartner.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_login():
    response = Client().get(NY)
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")


def test_an_identity_number_in_the_free_text_is_refused_next_to_the_field(employee_client):
    number = build_identity_number(day=1, month=1, year=90, individ=100)
    assert number == "01019010046"
    response = employee_client.post(NY, entry_data(kan_hjelpe_med=f"Gjelder {number}"))
    assert response.status_code == 200
    assert not Sparringpartner.objects.exists()
    assert "Noe må rettes" in response.text
    assert 'class="feilmelding"' in response.text or "errorlist" in response.text


def test_a_missing_text_gets_a_norwegian_message_never_a_500(employee_client):
    response = employee_client.post(NY, entry_data(kan_hjelpe_med="", metoder=["999"]))
    assert response.status_code == 200
    assert "Skriv hva du kan hjelpe med." in response.text
    assert not Sparringpartner.objects.exists()


def test_folk_with_sparring_partners_runs_at_most_15_queries(
    employee_client, make_metode, make_user, django_assert_max_num_queries
):
    metode = make_metode()
    for i in range(20):
        entry = Sparringpartner.objects.create(
            bruker=make_user(), navn=f"Person {i}", kan_hjelpe_med="Dialog."
        )
        entry.metoder.add(metode)
    with django_assert_max_num_queries(15):
        response = employee_client.get(f"/folk/?metode={metode.slug}")
    assert len(response.context["sparring"]) == 20


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_a_new_entry_at_once_leave_one_entry(employee):
    race = Race()

    def save(text):
        return race(lambda: save_entry(bruker=employee, data=entry_data(kan_hjelpe_med=text)))

    outcomes = at_once(save("Første fane."), save("Andre fane."))

    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    (first, first_held), (second, second_held) = outcomes
    assert first_held or second_held, "the second save never waited for the first one"
    assert sorted([first[1], second[1]]) == [False, True]  # created once, updated once
    entry = Sparringpartner.objects.get()
    assert entry.bruker == employee
    assert entry.kan_hjelpe_med in {"Første fane.", "Andre fane."}
