"""Påfyll follows every kind of list: a filtered example list with all its filters, a text
search, and the insights about a citizen group; a follow of something deleted gets a clear
answer."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.pafyll.models import Folging, Utsendt
from skattekiste.pafyll.workflows import follow

pytestmark = pytest.mark.django_db

PAFYLL = reverse("pafyll:pafyll")


def post_follow(client, **filters):
    return client.post(reverse("pafyll:folg"), {**filters, "neste": PAFYLL}, follow=True)


def run_digest() -> None:
    call_command("send_pafyll", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_follow_of_a_filtered_list_keeps_when_published_and_what_did_not_work(
    employee_client, employee, make_tema, make_eksempel
):
    eldre = make_tema(name="Eldre")
    year = timezone.localdate().year
    post_follow(employee_client, tema=eldre.slug, publisert=str(year), ikke_virket="ja", page="2")
    folging = Folging.objects.get(bruker=employee)
    assert folging.sporring == f"tema={eldre.slug}&publisert={year}&ikke_virket=ja"
    make_eksempel(tittel="Med lærdom", tema=[eldre], hva_fungerte_ikke="Få kom.")
    make_eksempel(tittel="Uten lærdom", tema=[eldre], hva_fungerte_ikke="  ")
    response = employee_client.get(PAFYLL)
    assert [e.tittel for e in response.context["nye"]] == ["Med lærdom"]
    assert "Forteller hva som ikke virket" in response.content.decode()


def test_a_follow_of_last_year_finds_nothing_published_this_year(
    employee_client, employee, make_eksempel
):
    post_follow(employee_client, publisert=str(timezone.localdate().year - 1))
    make_eksempel(tittel="Nytt i år")
    assert employee_client.get(PAFYLL).context["nye"] == []


def test_the_search_page_offers_to_follow_the_search_and_new_matches_arrive(
    employee_client, employee, make_eksempel
):
    content = employee_client.get(reverse("sok:sok"), {"q": "dialogmøte"}).content.decode()
    assert 'name="liste" value="sok"' in content and 'name="q" value="dialogmøte"' in content
    post_follow(employee_client, liste="sok", q="  dialogmøte ")
    folging = Folging.objects.get(bruker=employee)
    assert (folging.liste, folging.sporring) == ("sok", "q=dialogm%C3%B8te")
    make_eksempel(tittel="Dialogmøte med ungdom")
    make_eksempel(tittel="Kaffe med eldre")
    response = employee_client.get(PAFYLL)
    assert [e.tittel for e in response.context["nye"]] == ["Dialogmøte med ungdom"]
    assert "Søk: «dialogmøte»" in response.content.decode()


def test_an_empty_search_cannot_be_followed(employee_client, employee):
    response = post_follow(employee_client, liste="sok", q="   ")
    assert response.status_code == 200
    assert "Skriv noe å søke etter før du følger søket." in response.content.decode()
    assert not Folging.objects.exists()


def test_the_group_page_offers_to_follow_its_insights_and_new_ones_arrive(
    employee_client, employee, make_gruppe, make_innsikt
):
    ungdom, eldre = make_gruppe(navn="Ungdom"), make_gruppe(navn="Eldre")
    page = employee_client.get(reverse("innsikt:gruppe", args=[ungdom.slug])).content.decode()
    assert 'name="liste" value="innsikt"' in page
    post_follow(employee_client, liste="innsikt", gruppe=ungdom.slug)
    assert Folging.objects.get(bruker=employee).liste == "innsikt"
    make_innsikt(tittel="Unge vil ha svar på chat", grupper=[ungdom])
    make_innsikt(tittel="Eldre vil ringe", grupper=[eldre])
    make_innsikt(tittel="Utkast om unge", grupper=[ungdom], status="utkast")
    response = employee_client.get(PAFYLL)
    assert [i.tittel for i in response.context["nye_innsikt"]] == ["Unge vil ha svar på chat"]
    assert "Innsikt om ungdom" in response.content.decode()
    # Stopping from /pafyll/ stops the insight follow, not an example follow of the group.
    follow(bruker=employee, sporring=f"gruppe={ungdom.slug}")
    employee_client.post(
        reverse("pafyll:slutt"), {"liste": "innsikt", "gruppe": ungdom.slug, "neste": PAFYLL}
    )
    assert list(Folging.objects.values_list("liste", flat=True)) == ["eksempler"]


def test_the_digest_sends_new_insights_and_matching_searches_once(
    make_user, make_gruppe, make_innsikt, make_eksempel, mailoutbox
):
    kari = make_user(email="kari@politiet.no")
    ungdom = make_gruppe(navn="Ungdom")
    follow(bruker=kari, sporring=f"gruppe={ungdom.slug}", liste="innsikt")
    follow(bruker=kari, sporring="q=dialogm%C3%B8te", liste="sok")
    innsikt = make_innsikt(tittel="Unge vil ha svar på chat", grupper=[ungdom])
    make_eksempel(tittel="Dialogmøte på biblioteket")
    make_eksempel(tittel="Noe helt annet")
    run_digest()
    run_digest()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Påfyll: 1 nytt eksempel og 1 ny innsikt i det du følger"
    assert "Unge vil ha svar på chat" in mail.body and innsikt.get_absolute_url() in mail.body
    assert "Dialogmøte på biblioteket" in mail.body and "Noe helt annet" not in mail.body
    assert Utsendt.objects.filter(bruker=kari, innsikt=innsikt).count() == 1


def test_a_followed_search_finds_new_insights_too_as_the_search_page_does(
    employee_client, employee, make_innsikt, make_eksempel
):
    follow(bruker=employee, sporring="q=chat", liste="sok")
    make_innsikt(tittel="Unge vil ha svar på chat")
    make_innsikt(tittel="Eldre ringer helst")
    make_innsikt(tittel="Chat i utkast", status="utkast")
    make_eksempel(tittel="Chat med politiet i Agder")
    response = employee_client.get(PAFYLL)
    assert [i.tittel for i in response.context["nye_innsikt"]] == ["Unge vil ha svar på chat"]
    assert [e.tittel for e in response.context["nye"]] == ["Chat med politiet i Agder"]
    assert "Søk: «chat»</a> (2 nye)" in response.content.decode()


def test_the_digest_mails_a_new_insight_that_a_followed_search_finds_once(
    make_user, make_innsikt, make_gruppe, mailoutbox
):
    kari = make_user(email="kari@politiet.no")
    ungdom = make_gruppe(navn="Ungdom")
    follow(bruker=kari, sporring="q=chat", liste="sok")
    follow(bruker=kari, sporring=f"gruppe={ungdom.slug}", liste="innsikt")
    innsikt = make_innsikt(tittel="Unge vil ha svar på chat", grupper=[ungdom])
    make_innsikt(tittel="Eldre ringer helst")
    run_digest()
    run_digest()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Påfyll: 1 ny innsikt i det du følger"
    assert mail.body.count(innsikt.get_absolute_url()) == 1 and "Eldre ringer" not in mail.body
    assert "Søk: «chat»" in mail.body


def test_an_insight_published_long_after_it_was_written_is_new_when_it_is_published(
    employee_client, employee, make_user, make_gruppe, make_innsikt, mailoutbox
):
    ungdom = make_gruppe(navn="Ungdom")
    kari = make_user(email="kari@politiet.no")
    for person in (employee, kari):
        follow(bruker=person, sporring=f"gruppe={ungdom.slug}", liste="innsikt")
    utkast = make_innsikt(tittel="Skrevet i vinter", grupper=[ungdom], status="utkast")
    Innsikt.objects.filter(pk=utkast.pk).update(opprettet=timezone.now() - timedelta(days=60))
    Innsikt.objects.filter(pk=utkast.pk).update(status="publisert")
    response = employee_client.get(PAFYLL)
    assert [i.tittel for i in response.context["nye_innsikt"]] == ["Skrevet i vinter"]
    run_digest()
    assert [mail.to for mail in mailoutbox] == [["kari@politiet.no"]]
    assert "Skrevet i vinter" in mailoutbox[0].body


def test_following_a_group_that_does_not_exist_says_so_and_follows_nothing(employee_client):
    response = post_follow(employee_client, gruppe="finnes-ikke")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vi fant ingen innbyggergruppe som heter «finnes-ikke»" in content
    assert "Du følger derfor ikke dette." in content
    assert not Folging.objects.exists()


def test_a_follow_of_something_deleted_is_named_on_the_page_and_gives_no_mail(
    employee_client, employee, make_gruppe, make_eksempel, mailoutbox
):
    gruppe = make_gruppe(navn="Ungdom")
    post_follow(employee_client, gruppe=gruppe.slug)
    post_follow(employee_client, liste="innsikt", gruppe=gruppe.slug)
    gruppe.delete()
    make_eksempel(tittel="Nytt for alle")
    response = employee_client.get(PAFYLL)
    assert response.status_code == 200
    assert response.content.decode().count("finnes ikke lenger") == 2
    assert response.context["nye"] == []
    run_digest()
    assert mailoutbox == []


def test_pafyll_with_every_kind_of_follow_keeps_its_query_count(
    employee_client,
    employee,
    make_tema,
    make_gruppe,
    make_eksempel,
    make_innsikt,
    django_assert_max_num_queries,
):
    tema, gruppe = make_tema(name="Eldre"), make_gruppe(navn="Ungdom")
    year = timezone.localdate().year
    follow(bruker=employee, sporring=f"publisert={year}&tema={tema.slug}")
    follow(bruker=employee, sporring="ikke_virket=ja")
    follow(bruker=employee, sporring="q=kaffe", liste="sok")
    follow(bruker=employee, sporring=f"gruppe={gruppe.slug}", liste="innsikt")
    for n in range(5):
        make_eksempel(tittel=f"Kaffe {n}", tema=[tema], hva_fungerte_ikke="Regn.")
        make_innsikt(grupper=[gruppe])
    # One query more than the list follows need: the search also asks about new insights.
    with django_assert_max_num_queries(23):
        response = employee_client.get(PAFYLL)
    assert len(response.context["nye"]) == 5 and len(response.context["nye_innsikt"]) == 5


def test_only_what_was_published_after_a_follow_began_is_mailed(
    make_user, make_gruppe, make_innsikt, mailoutbox
):
    kari = make_user(email="kari@politiet.no")
    gruppe = make_gruppe(navn="Ungdom")
    make_innsikt(tittel="Fra før", grupper=[gruppe])
    folging = follow(bruker=kari, sporring=f"gruppe={gruppe.slug}", liste="innsikt")
    Folging.objects.filter(pk=folging.pk).update(opprettet=timezone.now() + timedelta(seconds=1))
    run_digest()
    assert mailoutbox == []
