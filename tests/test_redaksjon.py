"""The team's review (/bidra/vurdering/): publish, send back with a message, or decline."""

import pytest
from django.urls import reverse
from django.utils import timezone

from skattekiste.eksempler.models import Eksempel
from tests.helpers import edit_form_data, login, share

pytestmark = pytest.mark.django_db

Status = Eksempel.Status
QUEUE = "/bidra/vurdering/"


def review_url(eksempel):
    return reverse("bidra:vurder", args=[eksempel.pk])


@pytest.mark.parametrize("url", [QUEUE, "/bidra/vurdering/1/"])
def test_anonymous_visitor_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_an_employee_outside_the_team_is_refused(employee_client, make_innsending):
    eksempel = make_innsending()
    assert employee_client.get(QUEUE).status_code == 403
    assert employee_client.get(review_url(eksempel)).status_code == 403
    response = employee_client.post(review_url(eksempel), {"handling": "publiser"})
    assert response.status_code == 403
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_the_queue_lists_waiting_examples_oldest_first(
    editor_client, make_innsending, make_eksempel
):
    now = timezone.now()
    make_innsending(tittel="Nyeste", innsendt=now)
    make_innsending(tittel="Eldste", innsendt=now - timezone.timedelta(days=3))
    make_innsending(tittel="Tilbakesendt", status=Status.RETURNERT)
    make_eksempel(tittel="Allerede publisert")
    content = editor_client.get(QUEUE).content.decode()
    assert content.index("Eldste") < content.index("Nyeste")
    assert "Tilbakesendt" in content
    assert "Allerede publisert" not in content


def test_an_empty_queue_says_so(editor_client):
    assert "Ingen eksempler venter på vurdering nå." in editor_client.get(QUEUE).content.decode()


@pytest.mark.parametrize("count", [3, 60])
def test_the_queue_runs_the_same_queries_for_few_and_many(
    editor_client, make_innsending, django_assert_max_num_queries, count
):
    for i in range(count):
        make_innsending(status=Status.RETURNERT if i % 3 == 0 else Status.TIL_VURDERING)
    # session, user, 2 permission checks, the menu's queue count, waiting + districts,
    # returned + districts
    with django_assert_max_num_queries(9):
        assert editor_client.get(QUEUE).status_code == 200


def test_the_review_page_runs_a_bounded_number_of_queries(
    editor_client, make_innsending, make_gruppe, make_tema, django_assert_max_num_queries
):
    eksempel = make_innsending(grupper=[make_gruppe()], tema=[make_tema()])
    # session, user, 2 permission checks, the menu's queue count, example + submitter,
    # 4 prefetches
    with django_assert_max_num_queries(10):
        assert editor_client.get(review_url(eksempel)).status_code == 200


def test_a_shared_example_travels_from_the_form_through_review_to_the_examples_list(
    employee,
    editor,
    make_distrikt,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    employee.email, editor.email = "ansatt@politiet.no", "redaktor@politiet.no"
    employee.save(), editor.save()
    distrikt = make_distrikt()
    ansatt, redaktor = login(employee), login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        share(ansatt, distrikt, tittel="Utekontor i matbutikken", situasjoner=["A", "B"])
    eksempel = Eksempel.objects.get()
    assert mailoutbox[-1].to == ["redaktor@politiet.no"]
    assert "Utekontor i matbutikken" not in ansatt.get("/eksempler/").content.decode()

    assert "Utekontor i matbutikken" in redaktor.get(QUEUE).content.decode()
    page = redaktor.get(review_url(eksempel))
    with django_capture_on_commit_callbacks(execute=True):
        response = redaktor.post(
            review_url(eksempel),
            {"handling": "publiser", "publiser-versjon_lest": page.context["eksempel"].versjon},
        )
    assert response.status_code == 302 and response["Location"] == QUEUE

    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT and eksempel.publisert is not None
    assert "Utekontor i matbutikken" in ansatt.get("/eksempler/").content.decode()
    assert ansatt.get(eksempel.get_absolute_url()).status_code == 200
    assert mailoutbox[-1].to == ["ansatt@politiet.no"]
    assert "publisert" in mailoutbox[-1].subject
    assert eksempel.get_absolute_url() in mailoutbox[-1].body
    assert eksempel not in redaktor.get(QUEUE).context["venter"]
    reasons = list(eksempel.history.values_list("history_change_reason", flat=True))
    assert "Publisert" in reasons and "Delt og sendt til vurdering" in reasons


def test_the_editor_sends_an_example_back_with_a_message(
    editor_client, make_innsending, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    submitter = make_user(email="kari@politiet.no")
    eksempel = make_innsending(by=submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            review_url(eksempel),
            {
                "handling": "returner",
                "returner-versjon_lest": eksempel.versjon,
                "returner-melding": "Kan du skrive hvem som var med?",
            },
        )
    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.status == Status.RETURNERT
    assert eksempel.melding_fra_redaksjonen == "Kan du skrive hvem som var med?"
    assert mailoutbox[0].to == ["kari@politiet.no"]
    assert "Kan du skrive hvem som var med?" in mailoutbox[0].body
    assert reverse("bidra:endre", args=[eksempel.pk]) in mailoutbox[0].body
    mine = login(submitter).get(reverse("bidra:mine")).content.decode()
    assert "Kan du skrive hvem som var med?" in mine


def test_sending_back_needs_a_message(editor_client, make_innsending):
    eksempel = make_innsending()
    response = editor_client.post(
        review_url(eksempel),
        {"handling": "returner", "returner-versjon_lest": eksempel.versjon, "returner-melding": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv hva som må endres" in content
    assert 'href="#id_returner-melding"' in content
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_the_editor_declines_with_a_reason_and_it_stays_hidden(
    editor_client,
    make_innsending,
    make_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    submitter = make_user(email="ola@politiet.no")
    eksempel = make_innsending(by=submitter)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            review_url(eksempel),
            {
                "handling": "avvis",
                "avvis-versjon_lest": eksempel.versjon,
                "avvis-begrunnelse": "Vi har et nesten likt eksempel fra før.",
            },
        )
    eksempel.refresh_from_db()
    assert eksempel.status == Status.AVVIST
    assert "Vi har et nesten likt eksempel fra før." in mailoutbox[0].body
    assert login(submitter).get(eksempel.get_absolute_url()).status_code == 404


def test_declining_needs_a_reason(editor_client, make_innsending):
    eksempel = make_innsending()
    response = editor_client.post(
        review_url(eksempel),
        {"handling": "avvis", "avvis-versjon_lest": eksempel.versjon, "avvis-begrunnelse": " "},
    )
    assert "Skriv en begrunnelse til den som delte." in response.content.decode()
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_a_returned_example_comes_back_to_the_queue_after_the_submitters_changes(
    editor_client, make_innsending, employee
):
    eksempel = make_innsending(status=Status.RETURNERT, tittel="Før endring")
    ansatt = login(employee)
    ansatt.post(
        reverse("bidra:endre", args=[eksempel.pk]), edit_form_data(eksempel, tittel="Etter endring")
    )
    content = editor_client.get(QUEUE).content.decode()
    assert "Etter endring" in content


def test_publishing_after_someone_else_changed_the_example_is_refused(
    editor_client, make_innsending
):
    eksempel = make_innsending()
    seen = eksempel.versjon
    Eksempel.objects.filter(pk=eksempel.pk).update(
        tittel="Forbedret av en kollega", versjon=seen + 1
    )
    response = editor_client.post(
        review_url(eksempel), {"handling": "publiser", "publiser-versjon_lest": seen}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Eksempelet ble endret mens du så på det" in content
    assert "Forbedret av en kollega" in content
    assert f'name="publiser-versjon_lest" value="{seen + 1}"' in content
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_a_published_example_has_no_review_actions(editor_client, make_eksempel):
    eksempel = make_eksempel()
    content = editor_client.get(review_url(eksempel)).content.decode()
    assert 'value="publiser"' not in content
    assert "Eksempelet er publisert." in content


def test_an_unknown_action_changes_nothing(editor_client, make_innsending):
    eksempel = make_innsending()
    response = editor_client.post(review_url(eksempel), {"handling": "slett"})
    assert response.status_code == 200
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_an_example_added_by_the_team_cannot_be_sent_back(editor_client, make_eksempel, editor):
    eksempel = make_eksempel(status=Status.TIL_VURDERING, publisert=None)
    content = editor_client.get(review_url(eksempel)).content.decode()
    assert 'value="returner"' not in content


def test_the_review_page_links_to_improving_the_text_and_its_history(
    editor_client, make_innsending
):
    eksempel = make_innsending()
    content = editor_client.get(review_url(eksempel)).content.decode()
    assert reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk]) in content
    assert reverse("admin:skattekiste_eksempel_history", args=[eksempel.pk]) in content


# The same review from the admin


def test_the_admin_form_shows_the_review_fields_and_keeps_status_for_the_workflows(
    editor_client, make_innsending
):
    eksempel = make_innsending(melding_fra_redaksjonen="Skriv mer.")
    response = editor_client.get(reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk]))
    form = response.context["adminform"].form
    for name in ["melding_fra_redaksjonen", "personvern_bekreftet", "versjon_lest"]:
        assert name in form.fields
    assert "status" not in form.fields
    content = response.content.decode()
    assert "Sendt til vurdering" in content and review_url(eksempel) in content


def test_the_admin_publish_action_tells_the_submitter(
    editor_client, make_innsending, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    eksempel = make_innsending(by=make_user(email="kari@politiet.no"))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:skattekiste_eksempel_changelist"),
            {"action": "publiser", "_selected_action": [eksempel.pk]},
        )
    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT
    assert mailoutbox[0].to == ["kari@politiet.no"]


def test_publishing_what_the_team_wrote_itself_sends_no_email(
    editor_client, make_eksempel, mailoutbox, django_capture_on_commit_callbacks, editor
):
    eksempel = make_eksempel(status=Status.UTKAST, publisert=None, opprettet_av=editor)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:skattekiste_eksempel_changelist"),
            {"action": "publiser", "_selected_action": [eksempel.pk]},
        )
    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT
    assert mailoutbox == []


def test_the_admin_unpublish_action_hides_the_example_again(editor_client, make_eksempel):
    eksempel = make_eksempel()
    editor_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "avpubliser", "_selected_action": [eksempel.pk]},
    )
    eksempel.refresh_from_db()
    assert eksempel.status == Status.UTKAST
    assert editor_client.get(eksempel.get_absolute_url()).status_code == 404


def test_an_example_added_in_the_admin_starts_as_a_draft_by_the_editor(
    editor_client, editor, make_distrikt
):
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_add"),
        {
            "tittel": "Fra redaksjonen",
            "slug": "fra-redaksjonen",
            "ingress": "Skrevet av teamet.",
            "distrikter": [make_distrikt().pk],
            "aar": 2024,
            "situasjoner": ["B"],
        },
    )
    assert response.status_code == 302
    eksempel = Eksempel.objects.get(slug="fra-redaksjonen")
    assert eksempel.status == Status.UTKAST
    assert eksempel.opprettet_av == editor and eksempel.versjon == 1


def test_unpublishing_an_example_waiting_for_review_is_refused_and_it_keeps_waiting(
    editor_client, make_innsending
):
    eksempel = make_innsending(tittel="Venter på svar")
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "avpubliser", "_selected_action": [eksempel.pk]},
        follow=True,
    )
    assert (
        "«Venter på svar» er ikke avpublisert: «Avpubliser» går ikke når eksempelet har status "
        "«Til vurdering». Det går bare når det er «Publisert»."
    ) in response.content.decode()
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING
    assert not eksempel.history.filter(history_change_reason="Avpublisert").exists()


def test_the_admin_unpublish_action_reports_each_example_by_itself(
    editor_client, make_eksempel, make_innsending
):
    published = make_eksempel(tittel="Publisert før")
    waiting = make_innsending(tittel="Venter på svar")
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "avpubliser", "_selected_action": [published.pk, waiting.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 eksempel er avpublisert." in content
    assert "«Venter på svar» er ikke avpublisert" in content
    assert "«Publisert før» er ikke" not in content
    published.refresh_from_db(), waiting.refresh_from_db()
    assert (published.status, waiting.status) == (Status.UTKAST, Status.TIL_VURDERING)


def test_the_admin_publish_action_says_which_examples_were_published_already(
    editor_client, make_eksempel
):
    eksempel = make_eksempel(tittel="Allerede ute")
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "publiser", "_selected_action": [eksempel.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert (
        "«Allerede ute» er ikke publisert: Eksempelet har allerede status «Publisert»."
    ) in content
    assert eksempel.history.filter(history_change_reason="Publisert").count() == 0


def test_an_employee_outside_the_team_cannot_unpublish(employee_client, make_eksempel):
    eksempel = make_eksempel()
    response = employee_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "avpubliser", "_selected_action": [eksempel.pk]},
    )
    assert response["Location"].startswith("/admin/login/")
    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT


@pytest.mark.parametrize(
    "status, offered",
    [
        (Status.UTKAST, ["publiser"]),
        (Status.TIL_VURDERING, ["publiser", "returner", "avvis"]),
        (Status.RETURNERT, ["publiser", "avvis"]),
        (Status.AVVIST, ["publiser"]),
        (Status.PUBLISERT, []),
    ],
)
def test_the_review_page_offers_exactly_what_the_status_allows(
    editor_client, make_innsending, status, offered
):
    published = timezone.now() if status == Status.PUBLISERT else None
    eksempel = make_innsending(status=status, publisert=published)
    response = editor_client.get(review_url(eksempel))
    assert list(response.context["actions"]) == offered
    content = response.content.decode()
    for action in ["publiser", "returner", "avvis"]:
        assert (f'value="{action}"' in content) == (action in offered), action


def test_an_action_the_status_no_longer_allows_is_refused_with_the_reason_on_the_page(
    editor_client, make_eksempel
):
    eksempel = make_eksempel(opprettet_av=None)
    response = editor_client.post(
        review_url(eksempel),
        {
            "handling": "avvis",
            "avvis-versjon_lest": eksempel.versjon,
            "avvis-begrunnelse": "Vi har et likt eksempel fra før.",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Feil:" in content
    assert "Dette kan du ikke gjøre nå" in content
    assert (
        "«Avvis» går ikke når eksempelet har status «Publisert». Det går bare når det er "
        "«Til vurdering» eller «Sendt tilbake for endring»."
    ) in content
    eksempel.refresh_from_db()
    assert eksempel.status == Status.PUBLISERT and eksempel.melding_fra_redaksjonen == ""
