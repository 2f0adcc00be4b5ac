"""/planer/<pk>/historikk/: the owner sees what changed in their plan, who and when."""

import pytest
from django.urls import reverse

from metoder.models import Steg
from skattekiste.planer.models import Deling
from skattekiste.planer.workflows import create_plan, save_plan, share_plan
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(employee, make_metode):
    metode = make_metode(navn="Holde dialogmøter")
    for n, tekst in enumerate(["Finn ut hvem som bør være med", "Inviter", "Si takk"], 1):
        Steg.objects.create(metode=metode, rekkefolge=n, tekst=tekst)
    return create_plan(eier=employee, tittel="Dialogmøte på Skei", metoder=[metode])


def url(plan):
    return reverse("planer:historikk", args=[plan.pk])


def change(plan, by, *, data=None, punkter=None):
    plan.refresh_from_db()
    return save_plan(plan=plan, by=by, versjon=plan.versjon, data=data or {}, punkter=punkter or {})


def test_the_owner_sees_each_save_newest_first_with_who_and_which_fields(
    employee, employee_client, plan
):
    employee.first_name, employee.last_name = "Kari", "Nordmann"
    employee.save()
    andre = plan.punkter.get(rekkefolge=2)
    change(plan, employee, data={"tittel": "Dialogmøte i Skei sentrum"})
    change(
        plan,
        employee,
        data={"notat": "Vi vil høre ungdommen."},
        punkter={andre.pk: {"ferdig": True, "notat": "", "hvem": "Ola", "naar": None}},
    )

    response = employee_client.get(url(plan))

    assert response.status_code == 200
    endringer = response.context["endringer"]
    assert [e.hva for e in endringer] == [
        ["mål og notater", "punkt 2: gjort, hvem"],
        ["tittel"],
        ["laget planen"],
    ]
    assert {e.hvem for e in endringer} == {"Kari Nordmann"}
    assert "punkt 2: gjort, hvem" in response.text
    # Names of fields only: an earlier note's text stays out of the page.
    assert "Vi vil høre ungdommen." not in response.text


def test_the_history_names_the_methods_added_and_taken_away(
    employee, employee_client, plan, make_metode
):
    dialog = plan.metoder.get()
    tur, kafe = make_metode(navn="Gå en tur"), make_metode(navn="Kafédialog")
    Steg.objects.create(metode=tur, rekkefolge=1, tekst="Velg en rute")
    change(plan, employee, data={"metoder": [dialog, tur, kafe]})
    change(plan, employee, data={"tittel": "Tur i Skei", "metoder": [tur]})

    response = employee_client.get(url(plan))

    assert [e.hva for e in response.context["endringer"]] == [
        ["tittel", "tok bort metodene «Holde dialogmøter» og «Kafédialog»"],
        ["la til metodene «Gå en tur» og «Kafédialog»"],
        ["laget planen"],
    ]
    assert "la til metodene «Gå en tur» og «Kafédialog»" in response.text


def test_saving_without_changes_adds_nothing_to_the_list(employee, employee_client, plan):
    change(plan, employee)
    assert [e.hva for e in employee_client.get(url(plan)).context["endringer"]] == [
        ["laget planen"]
    ]


def test_the_plan_page_links_its_owner_to_the_history(employee_client, plan):
    assert f'href="{url(plan)}"' in employee_client.get(plan.get_absolute_url()).text


def test_nobody_but_the_owner_finds_the_history_even_when_the_plan_is_shared(
    employee, editor, make_user, plan
):
    share_plan(plan=plan, by=employee, deling=Deling.ALLE)
    kollega = make_user(username="kollega")
    assert login(kollega).get(url(plan)).status_code == 404
    assert login(editor).get(url(plan)).status_code == 404
    assert f'href="{url(plan)}"' not in login(kollega).get(plan.get_absolute_url()).text


def test_an_anonymous_visitor_is_sent_to_login(client, plan):
    assert client.get(url(plan))["Location"].startswith("/logg-inn/")


def test_an_editor_sees_the_history_of_their_own_plan(editor, make_metode):
    own = create_plan(eier=editor, tittel="Redaksjonens plan", metoder=[make_metode()])
    assert login(editor).get(url(own)).status_code == 200


def test_the_history_runs_a_fixed_number_of_queries_however_long_it_is(
    employee, employee_client, plan, make_metode, django_assert_max_num_queries
):
    for n in range(10):
        change(plan, employee, data={"tittel": f"Versjon {n}"})
    # session + user, menu rights, the plan, its history, its steps' history
    with django_assert_max_num_queries(6):
        assert employee_client.get(url(plan)).status_code == 200
    for _ in range(5):
        change(plan, employee, data={"metoder": [make_metode(), *plan.metoder.all()]})
    # + the names of the cards added or taken away
    with django_assert_max_num_queries(7):
        response = employee_client.get(url(plan))
    assert sum("la til metoden" in e.hva[0] for e in response.context["endringer"]) == 5
