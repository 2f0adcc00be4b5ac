"""Påfyll (/pafyll/): follow a theme, a group, a district, a method or a filtered list, see
what is new there, and stop following from the page and from the followed page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from skattekiste.eksempler.models import Eksempel
from skattekiste.pafyll.models import Folging, Mottaker

pytestmark = pytest.mark.django_db

PAFYLL = reverse("pafyll:pafyll")


def follow(client, **filters):
    return client.post(reverse("pafyll:folg"), {**filters, "neste": PAFYLL})


@pytest.mark.parametrize("name", ["pafyll:pafyll", "pafyll:folg", "pafyll:slutt"])
def test_anonymous_visitor_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_someone_who_follows_nothing_gets_a_friendly_empty_page(employee_client):
    content = employee_client.get(PAFYLL).content.decode()
    assert "Du følger ingenting ennå." in content


def test_an_employee_follows_a_theme_and_sees_what_is_new_there(
    employee_client, employee, make_tema, make_eksempel
):
    eldre, svindel = make_tema(name="Eldre"), make_tema(name="Svindel")
    response = follow(employee_client, tema=eldre.slug)
    assert response.status_code == 302 and response["Location"] == PAFYLL
    assert Folging.objects.get(bruker=employee).sporring == f"tema={eldre.slug}"
    make_eksempel(tittel="Kaffe med eldre", tema=[eldre])
    make_eksempel(tittel="Om svindel på nett", tema=[svindel])
    make_eksempel(tittel="Et utkast om eldre", tema=[eldre], status=Eksempel.Status.UTKAST)
    response = employee_client.get(PAFYLL)
    content = response.content.decode()
    assert [e.tittel for e in response.context["nye"]] == ["Kaffe med eldre"]
    assert "Tema: Eldre" in content and "(1 nye)" in content


def test_the_newest_comes_first_and_only_what_came_after_the_visit_before(
    employee_client, employee, make_gruppe, make_eksempel
):
    gruppe = make_gruppe(navn="Ungdom")
    follow(employee_client, gruppe=gruppe.slug)
    now = timezone.now()
    make_eksempel(tittel="Gammelt", grupper=[gruppe], publisert=now - timedelta(days=40))
    make_eksempel(tittel="Eldre nytt", grupper=[gruppe], publisert=now - timedelta(days=2))
    make_eksempel(tittel="Nyest", grupper=[gruppe], publisert=now - timedelta(hours=1))
    first = employee_client.get(PAFYLL)
    assert [e.tittel for e in first.context["nye"]] == ["Nyest", "Eldre nytt"]
    # A visit 45 minutes later is a new visit: only what came after the first one is new.
    Mottaker.objects.filter(bruker=employee).update(sist_besokt=now - timedelta(minutes=45))
    make_eksempel(tittel="Etter besøket", grupper=[gruppe])
    assert [e.tittel for e in employee_client.get(PAFYLL).context["nye"]] == ["Etter besøket"]


def test_a_filtered_list_with_several_choices_matches_as_the_list_does(
    employee_client, make_distrikt, make_metode, make_eksempel
):
    agder, vest = make_distrikt(navn="Agder"), make_distrikt(navn="Vest")
    metode = make_metode()
    follow(employee_client, distrikt=[agder.slug, vest.slug], metode=metode.slug, sorter="tittel")
    make_eksempel(tittel="Agder med metoden", distrikter=[agder], metoder=[metode])
    make_eksempel(tittel="Vest med metoden", distrikter=[vest], metoder=[metode])
    make_eksempel(tittel="Agder uten metoden", distrikter=[agder])
    nye = employee_client.get(PAFYLL).context["nye"]
    assert {e.tittel for e in nye} == {"Agder med metoden", "Vest med metoden"}


def test_following_twice_is_one_follow(employee_client, employee, make_tema):
    tema = make_tema()
    follow(employee_client, tema=tema.slug)
    follow(employee_client, tema=tema.slug)
    assert Folging.objects.filter(bruker=employee).count() == 1


def test_one_stops_following_from_the_pafyll_page(employee_client, employee, make_tema):
    tema = make_tema()
    follow(employee_client, tema=tema.slug)
    page = employee_client.get(PAFYLL).content.decode()
    assert reverse("pafyll:slutt") in page
    employee_client.post(reverse("pafyll:slutt"), {"tema": tema.slug, "neste": PAFYLL})
    assert not Folging.objects.filter(bruker=employee).exists()


@pytest.mark.parametrize("kind", ["metode", "gruppe", "distrikt", "tema"])
def test_every_followed_page_has_a_follow_button_that_turns_into_stop(
    employee_client, kind, make_metode, make_gruppe, make_distrikt, make_tema
):
    thing = {
        "metode": make_metode,
        "gruppe": make_gruppe,
        "distrikt": make_distrikt,
        "tema": make_tema,
    }[kind]()
    url = {
        "metode": reverse("metoder:detail", args=[thing.slug]),
        "gruppe": reverse("innsikt:gruppe", args=[thing.slug]),
        "distrikt": reverse("oversikt:distrikt", args=[thing.slug]),
        "tema": reverse("eksempler:list") + f"?tema={thing.slug}",
    }[kind]
    page = employee_client.get(url).content.decode()
    assert f'action="{reverse("pafyll:folg")}"' in page
    assert f'name="{kind}" value="{thing.slug}"' in page
    response = employee_client.post(reverse("pafyll:folg"), {kind: thing.slug, "neste": url})
    assert response["Location"] == url
    page = employee_client.get(url).content.decode()
    assert f'action="{reverse("pafyll:slutt")}"' in page and "Slutt å følge" in page
    employee_client.post(reverse("pafyll:slutt"), {kind: thing.slug, "neste": url})
    assert not Folging.objects.exists()


def test_a_follow_of_something_deleted_says_so_and_matches_nothing(
    employee_client, make_tema, make_eksempel
):
    tema = make_tema(name="Borte")
    follow(employee_client, tema=tema.slug)
    tema.delete()
    make_eksempel(tittel="Noe helt annet")
    response = employee_client.get(PAFYLL)
    assert response.status_code == 200
    assert response.context["nye"] == []
    assert "finnes ikke lenger" in response.content.decode()


def test_following_something_that_does_not_exist_is_harmless(employee_client, make_eksempel):
    response = follow(employee_client, tema="finnes-ikke", neste="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == PAFYLL
    make_eksempel()
    assert employee_client.get(PAFYLL).context["nye"] == []


def test_a_return_address_elsewhere_is_not_followed(employee_client, make_tema):
    response = employee_client.post(
        reverse("pafyll:folg"), {"tema": make_tema().slug, "neste": "https://evil.example/"}
    )
    assert response["Location"] == PAFYLL


def test_the_email_can_be_turned_off_and_on_from_the_page(employee_client, employee):
    employee_client.get(PAFYLL)
    employee_client.post(PAFYLL, {"epost": "av"})
    assert Mottaker.objects.get(bruker=employee).epost_pa is False
    assert "Få ukentlig e-post" in employee_client.get(PAFYLL).content.decode()
    employee_client.post(PAFYLL, {"epost": "pa"})
    assert Mottaker.objects.get(bruker=employee).epost_pa is True


def test_an_editor_uses_pafyll_like_everyone(editor_client, make_tema, make_eksempel):
    tema = make_tema()
    follow(editor_client, tema=tema.slug)
    make_eksempel(tittel="For redaktøren", tema=[tema])
    assert [e.tittel for e in editor_client.get(PAFYLL).context["nye"]] == ["For redaktøren"]


def test_pafyll_takes_few_queries_however_much_is_followed(
    employee_client, make_tema, make_gruppe, make_eksempel, django_assert_max_num_queries
):
    for _ in range(12):
        tema, gruppe = make_tema(), make_gruppe()
        follow(employee_client, tema=tema.slug)
        follow(employee_client, gruppe=gruppe.slug, situasjon="A")
        make_eksempel(tema=[tema], grupper=[gruppe])
    with django_assert_max_num_queries(15):
        response = employee_client.get(PAFYLL)
    assert len(response.context["nye"]) == 12
