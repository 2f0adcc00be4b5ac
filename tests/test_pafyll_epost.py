"""Påfyll's weekly e-mail (`manage.py send_pafyll`): what it says, that it sends each example
once per person whatever happens, and the one-click stop link."""

import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skattekiste.eksempler.models import Eksempel
from skattekiste.pafyll import digest
from skattekiste.pafyll.models import Mottaker, Utsendt
from skattekiste.pafyll.tasks import send_pafyll
from skattekiste.pafyll.workflows import follow, stop_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def kari(make_user):
    return make_user(email="kari@politiet.no")


def run() -> None:
    call_command("send_pafyll", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_follower_gets_one_email_with_what_was_shared_in_their_theme(
    kari, make_user, make_tema, make_eksempel, mailoutbox
):
    eldre, annet = make_tema(name="Eldre"), make_tema(name="Annet")
    follow(bruker=kari, sporring=f"tema={eldre.slug}")
    follow(bruker=make_user(email="ola@politiet.no"), sporring=f"tema={annet.slug}")
    delt = make_eksempel(tittel="Kaffe med eldre på Voss", tema=[eldre])
    make_eksempel(tittel="Utkast om eldre", tema=[eldre], status=Eksempel.Status.UTKAST)
    run()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["kari@politiet.no"]
    assert mail.subject == "Påfyll: 1 nytt eksempel i det du følger"
    assert "Tema: Eldre" in mail.body and "Kaffe med eldre på Voss" in mail.body
    assert delt.get_absolute_url() in mail.body and "Utkast om eldre" not in mail.body
    html, kind = mail.alternatives[0]
    assert kind == "text/html" and f'{delt.get_absolute_url()}">Kaffe med eldre på Voss</a>' in html
    (stop,) = re.findall(r"http://\S+/pafyll/stopp/\S+/", mail.body)
    assert stop in html and mail.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    # The link in the e-mail works, without login.
    Client().post(stop.removeprefix(settings.SITE_ROOT))
    assert not Mottaker.objects.get(bruker=kari).epost_pa


def test_nothing_is_sent_when_nothing_is_new(kari, make_tema, make_eksempel, mailoutbox):
    tema = make_tema()
    make_eksempel(tema=[tema], publisert=timezone.now() - timedelta(days=1))
    follow(bruker=kari, sporring=f"tema={tema.slug}")  # after it was published
    run()
    assert mailoutbox == []


def test_running_twice_sends_each_example_once_and_then_only_the_new_one(
    kari, make_gruppe, make_eksempel, mailoutbox
):
    gruppe = make_gruppe()
    follow(bruker=kari, sporring=f"gruppe={gruppe.slug}")
    make_eksempel(tittel="Første", grupper=[gruppe])
    run()
    run()
    assert len(mailoutbox) == 1
    make_eksempel(tittel="Andre", grupper=[gruppe])
    run()
    assert len(mailoutbox) == 2
    assert "Andre" in mailoutbox[1].body and "Første" not in mailoutbox[1].body
    assert Utsendt.objects.filter(bruker=kari).count() == 2


def test_an_example_matching_two_follows_comes_once(
    kari, make_tema, make_gruppe, make_eksempel, mailoutbox
):
    tema, gruppe = make_tema(), make_gruppe()
    follow(bruker=kari, sporring=f"tema={tema.slug}")
    follow(bruker=kari, sporring=f"gruppe={gruppe.slug}")
    make_eksempel(tittel="Begge deler", tema=[tema], grupper=[gruppe])
    run()
    assert len(mailoutbox) == 1 and mailoutbox[0].body.count("Begge deler") == 1


def test_a_crash_halfway_sends_nobody_twice_and_the_rest_next_time(
    make_user, make_tema, make_eksempel, mailoutbox, monkeypatch
):
    tema = make_tema()
    people = [make_user(email=f"person{i}@politiet.no") for i in range(3)]
    for person in people:
        follow(bruker=person, sporring=f"tema={tema.slug}")
    make_eksempel(tema=[tema])
    claim, calls = digest._claim, []

    def crash_on_the_second(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("strømmen gikk")
        return claim(*args)

    monkeypatch.setattr(digest, "_claim", crash_on_the_second)
    with pytest.raises(RuntimeError):
        run()
    assert len(mailoutbox) == 1
    monkeypatch.setattr(digest, "_claim", claim)
    run()
    run()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)


def test_the_stop_link_stops_with_one_click_without_login_and_the_choice_is_kept(
    client, kari, make_tema, make_eksempel, mailoutbox
):
    tema = make_tema()
    follow(bruker=kari, sporring=f"tema={tema.slug}")
    url = reverse("pafyll:stopp", args=[stop_token(kari)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Du får ikke lenger e-post fra Påfyll." in page.content.decode()
    assert not Mottaker.objects.get(bruker=kari).epost_pa  # opening the link is the click
    follow(bruker=kari, sporring="situasjon=A")  # following more does not turn it back on
    make_eksempel(tema=[tema])
    run()
    assert mailoutbox == []
    assert not Mottaker.objects.get(bruker=kari).epost_pa


def test_the_stop_page_offers_an_undo_that_turns_the_email_back_on(client, kari):
    follow(bruker=kari, sporring="")
    url = reverse("pafyll:stopp", args=[stop_token(kari)])
    assert 'name="angre"' in client.get(url).content.decode()
    response = Client(enforce_csrf_checks=True).post(url, {"angre": "ja"})
    assert response.status_code == 200
    assert "E-posten fra Påfyll er på igjen" in response.content.decode()
    assert Mottaker.objects.get(bruker=kari).epost_pa


def test_a_mail_clients_one_click_post_stops_it_without_a_csrf_cookie(kari, mailoutbox):
    follow(bruker=kari, sporring="")
    url = reverse("pafyll:stopp", args=[stop_token(kari)])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Mottaker.objects.get(bruker=kari).epost_pa


def test_the_email_carries_the_one_click_headers(kari, make_tema, make_eksempel, mailoutbox):
    tema = make_tema()
    follow(bruker=kari, sporring=f"tema={tema.slug}")
    make_eksempel(tema=[tema])
    run()
    headers = mailoutbox[0].extra_headers
    assert headers["List-Unsubscribe"].startswith(f"<{settings.SITE_ROOT}/pafyll/stopp/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    message = mailoutbox[0].message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_stop_link_works_for_a_logged_in_employee_too(employee_client, employee):
    follow(bruker=employee, sporring="")
    employee_client.post(reverse("pafyll:stopp", args=[stop_token(employee)]))
    assert not Mottaker.objects.get(bruker=employee).epost_pa


def test_a_forged_stop_link_gets_a_clear_answer_and_changes_nothing(client, kari):
    follow(bruker=kari, sporring="")
    forged = stop_token(kari).rsplit(":", 1)[0] + ":forfalsket"
    for token in (forged, "tull", f"{kari.pk + 1}"):
        for response in (
            client.get(reverse("pafyll:stopp", args=[token])),
            client.post(reverse("pafyll:stopp", args=[token])),
        ):
            assert response.status_code == 400
            assert "Lenken er ikke gyldig." in response.content.decode()
    assert Mottaker.objects.get(bruker=kari).epost_pa


def test_an_old_stop_link_says_so(client, kari, monkeypatch):
    follow(bruker=kari, sporring="")
    long_ago = time.time() - 400 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    token = stop_token(kari)
    monkeypatch.undo()
    response = client.get(reverse("pafyll:stopp", args=[token]))
    assert response.status_code == 400 and "Lenken er for gammel." in response.content.decode()
    assert Mottaker.objects.get(bruker=kari).epost_pa


def test_the_digest_reads_few_queries_however_many_follow(
    make_user, make_tema, make_eksempel, mailoutbox, django_assert_max_num_queries
):
    tema = make_tema()
    for i in range(10):
        follow(bruker=make_user(email=f"p{i}@politiet.no"), sporring=f"tema={tema.slug}")
    make_eksempel(tema=[tema])
    # Per person: the claim (3 with its savepoint), the examples for the e-mail, the time sent.
    with django_assert_max_num_queries(5 + 10 * 5):
        run()
    assert len(mailoutbox) == 10


def test_the_digest_also_runs_as_a_background_task(kari, make_tema, make_eksempel, mailoutbox):
    tema = make_tema()
    follow(bruker=kari, sporring=f"tema={tema.slug}")
    make_eksempel(tema=[tema])
    result = send_pafyll.enqueue()
    assert result.return_value == 1 and len(mailoutbox) == 1
