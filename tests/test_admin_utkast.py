"""New content starts as a draft everywhere, and the save message says whether it is
published."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    """The messages as text; the title in each links to its form."""
    return [re.sub(r"<[^>]+>", "", str(m)) for m in response.context["messages"]]


def test_a_new_insight_in_the_admin_form_is_a_draft_until_someone_chooses_publisert(
    editor_client,
):
    response = editor_client.get(reverse("admin:innsikt_innsikt_add"))
    assert response.context["adminform"].form["status"].value() == Innsikt.Status.UTKAST


def test_an_insight_saved_without_a_status_is_a_draft_and_the_message_says_so(
    editor_client, make_kilde
):
    response = editor_client.post(
        reverse("admin:innsikt_innsikt_add"),
        {
            "tittel": "Unge vil bli hørt",
            "slug": "unge-vil-bli-hort",
            "forklaring": "Fra samtaler i tre distrikter.",
            "kilder": [make_kilde().pk],
            "dato": timezone.localdate().isoformat(),
            "styrke": 2,
            "status": Innsikt.Status.UTKAST,
        },
        follow=True,
    )
    innsikt = Innsikt.objects.get(slug="unge-vil-bli-hort")
    assert innsikt.status == Innsikt.Status.UTKAST
    assert messages_of(response) == [
        "«Unge vil bli hørt» er lagt til. "
        "Det er et utkast og vises ikke for andre før det er publisert."
    ]
    assert editor_client.get(innsikt.get_absolute_url()).status_code == 404


def test_publishing_an_insight_says_it_is_visible_now(
    editor_client, make_innsikt, innsikt_admin_data
):
    innsikt = make_innsikt(status=Innsikt.Status.UTKAST, tittel="Eldre ringer heller")
    response = editor_client.post(
        reverse("admin:innsikt_innsikt_change", args=[innsikt.pk]),
        innsikt_admin_data(innsikt, status=Innsikt.Status.PUBLISERT),
        follow=True,
    )
    assert messages_of(response) == [
        "«Eldre ringer heller» er lagret. Det er publisert og vises for alle som er logget inn."
    ]


def test_an_example_added_in_the_admin_says_it_is_a_draft(editor_client, make_distrikt):
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_add"),
        {
            "tittel": "Kafé med politiet",
            "slug": "kafe-med-politiet",
            "ingress": "Vi inviterte til kaffe.",
            "distrikter": [make_distrikt().pk],
            "aar": 2025,
            "situasjoner": ["A"],
        },
        follow=True,
    )
    assert Eksempel.objects.get(slug="kafe-med-politiet").status == Eksempel.Status.UTKAST
    assert messages_of(response) == [
        "«Kafé med politiet» er lagt til. "
        "Det er et utkast og vises ikke for andre før det er publisert."
    ]


def test_an_example_waiting_for_review_says_its_status_when_saved(
    editor_client, make_innsending, eksempel_admin_data
):
    eksempel = make_innsending(tittel="Venter")
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk]),
        eksempel_admin_data(eksempel),
        follow=True,
    )
    assert messages_of(response) == [
        "«Venter» er lagret. Det er ikke publisert: status er «Til vurdering»."
    ]


def test_the_database_makes_a_row_without_a_status_a_draft(make_kilde):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO innsikt_innsikt (tittel, slug, forklaring, dato, styrke,"
            " fra_gruppen_selv, personvern_bekreftet, opprettet, oppdatert, versjon)"
            " VALUES ('Rått', 'ratt', 'SQL', now(), 2, false, false, now(), now(), 1)"
            " RETURNING status"
        )
        assert cursor.fetchone() == ("utkast",)
        cursor.execute(
            "INSERT INTO skattekiste_eksempel (tittel, slug, ingress, beskrivelse, sted, aar,"
            " situasjoner, hva_fungerte, hva_fungerte_ikke, laering, kontakt_navn,"
            " kontakt_rolle, kontakt_enhet, kontakt_epost, kontakt_telefon, kilder,"
            " melding_fra_redaksjonen, personvern_bekreftet, versjon, opprettet, oppdatert)"
            " VALUES ('Rått', 'ratt', 'SQL', '', '', 2024, '{A}', '', '', '', '', '', '', '',"
            " '', '', '', false, 1, now(), now()) RETURNING status"
        )
        assert cursor.fetchone() == ("utkast",)
