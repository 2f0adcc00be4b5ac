"""Påfyll's Atom feeds: new examples in any filtered list and new insights about a group,
opened by a personal secret key that can be renewed, and that opens nothing else."""

import pytest
from django.test import Client
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel
from skattekiste.pafyll.models import Mottaker
from skattekiste.pafyll.workflows import follow, renew_feed_key

pytestmark = pytest.mark.django_db

PAFYLL = reverse("pafyll:pafyll")


def eksempel_feed(key, **params):
    return Client().get(reverse("pafyll:eksempel_feed", args=[key]), params)


def test_an_employee_makes_feed_links_on_pafyll_and_sees_one_per_followed_list(
    employee_client, employee, make_tema, make_gruppe
):
    assert "Lag feed-lenker" in employee_client.get(PAFYLL).content.decode()
    tema, gruppe = make_tema(name="Eldre"), make_gruppe(navn="Ungdom")
    follow(bruker=employee, sporring=f"tema={tema.slug}")
    follow(bruker=employee, sporring=f"gruppe={gruppe.slug}", liste="innsikt")
    response = employee_client.post(reverse("pafyll:ny_feed_nokkel"), follow=True)
    key = Mottaker.objects.get(bruker=employee).feed_nokkel
    assert key and len(key) >= 40
    content = response.content.decode()
    assert "Feed-lenkene dine er klare." in content
    assert f"/pafyll/feed/{key}/eksempler/?tema={tema.slug}" in content
    assert f"/pafyll/feed/{key}/innsikt/{gruppe.slug}/" in content


def test_the_feed_shows_new_published_examples_of_the_filtered_list_without_contacts(
    employee, make_tema, make_eksempel
):
    key = renew_feed_key(bruker=employee)
    eldre, annet = make_tema(name="Eldre"), make_tema(name="Annet")
    make_eksempel(tittel="Kaffe med eldre", tema=[eldre], kontakt_epost="kari@politiet.no")
    make_eksempel(tittel="Noe annet", tema=[annet])
    make_eksempel(tittel="Utkast om eldre", tema=[eldre], status=Eksempel.Status.UTKAST)
    response = eksempel_feed(key, tema=eldre.slug)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    content = response.content.decode()
    assert "<title>Nye eksempler i Skattekisten: Tema: Eldre</title>" in content
    assert "Kaffe med eldre" in content
    assert "Noe annet" not in content and "Utkast om eldre" not in content
    assert "kari@politiet.no" not in content


def test_the_feed_reads_every_filter_of_the_list(employee, make_eksempel):
    key = renew_feed_key(bruker=employee)
    make_eksempel(tittel="Med lærdom", hva_fungerte_ikke="Få kom.")
    make_eksempel(tittel="Uten lærdom")
    content = eksempel_feed(key, ikke_virket="ja").content.decode()
    assert "Med lærdom" in content and "Uten lærdom" not in content


def test_the_group_feed_shows_new_published_insights_about_the_group(
    employee, make_gruppe, make_innsikt
):
    key = renew_feed_key(bruker=employee)
    ungdom, eldre = make_gruppe(navn="Ungdom"), make_gruppe(navn="Eldre")
    make_innsikt(tittel="Unge vil ha chat", grupper=[ungdom])
    make_innsikt(tittel="Eldre vil ringe", grupper=[eldre])
    make_innsikt(tittel="Utkast om unge", grupper=[ungdom], status="utkast")
    response = Client().get(reverse("pafyll:innsikt_feed", args=[key, ungdom.slug]))
    content = response.content.decode()
    assert response.status_code == 200 and "Ny innsikt om ungdom" in content
    assert "Unge vil ha chat" in content
    assert "Eldre vil ringe" not in content and "Utkast om unge" not in content
    missing = Client().get(reverse("pafyll:innsikt_feed", args=[key, "finnes-ikke"]))
    assert missing.status_code == 404


def test_renewing_the_key_stops_the_old_links_at_once(employee_client, employee):
    old = renew_feed_key(bruker=employee)
    assert eksempel_feed(old).status_code == 200
    response = employee_client.post(reverse("pafyll:ny_feed_nokkel"), follow=True)
    assert "De gamle virker ikke lenger" in response.content.decode()
    new = Mottaker.objects.get(bruker=employee).feed_nokkel
    assert new != old
    assert eksempel_feed(old).status_code == 404
    assert eksempel_feed(new).status_code == 200


@pytest.mark.parametrize("key", ["forfalsket", "x" * 200, ""])
def test_a_forged_key_gets_a_404(employee, key):
    renew_feed_key(bruker=employee)
    url = f"/pafyll/feed/{key}/eksempler/" if key else "/pafyll/feed//eksempler/"
    assert Client().get(url).status_code == 404


def test_the_key_of_someone_who_has_left_opens_nothing(employee):
    key = renew_feed_key(bruker=employee)
    employee.is_active = False
    employee.save()
    assert eksempel_feed(key).status_code == 404


def test_the_key_gives_nothing_but_the_feed(employee):
    key = renew_feed_key(bruker=employee)
    client = Client()
    assert client.get(reverse("pafyll:eksempel_feed", args=[key])).status_code == 200
    for page in (PAFYLL, reverse("eksempler:list"), f"{reverse('eksempler:list')}?nokkel={key}"):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")


def test_an_anonymous_visitor_cannot_make_a_key(client):
    response = client.post(reverse("pafyll:ny_feed_nokkel"))
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")
    assert not Mottaker.objects.exists()


@pytest.mark.parametrize("role", ["employee", "editor"])
def test_employees_and_editors_open_their_feed_logged_in_too(request, role, make_eksempel):
    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    make_eksempel(tittel="Synlig i feeden")
    key = renew_feed_key(bruker=user)
    response = client.get(reverse("pafyll:eksempel_feed", args=[key]))
    assert response.status_code == 200 and "Synlig i feeden" in response.content.decode()


def test_the_feed_keeps_its_query_count(
    employee, make_tema, make_eksempel, django_assert_max_num_queries
):
    key = renew_feed_key(bruker=employee)
    tema = make_tema(name="Eldre")
    for n in range(40):
        make_eksempel(tittel=f"Eksempel {n}", tema=[tema])
    with django_assert_max_num_queries(6):
        response = eksempel_feed(key, tema=tema.slug)
    assert response.content.decode().count("<entry>") == 30
