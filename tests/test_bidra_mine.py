"""«Mine eksempler» (/bidra/mine/): what I shared, its status, the team's message, and fixing it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from skattekiste.eksempler.models import Eksempel
from tests.helpers import edit_form_data, login

pytestmark = pytest.mark.django_db

Status = Eksempel.Status


@pytest.mark.parametrize(
    "name, args",
    [("bidra:mine", []), ("bidra:detail", [1]), ("bidra:endre", [1]), ("bidra:takk", [1])],
)
def test_anonymous_visitor_is_sent_to_login(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_employee_sees_their_own_examples_with_status_and_the_teams_message(
    employee_client, make_innsending, make_user
):
    make_innsending(tittel="Venter på svar")
    make_innsending(
        tittel="Må endres", status=Status.RETURNERT, melding_fra_redaksjonen="Skriv mer om hvem."
    )
    make_innsending(
        tittel="Ble ikke med", status=Status.AVVIST, melding_fra_redaksjonen="Finnes fra før."
    )
    make_innsending(tittel="Noen andres", by=make_user())
    content = employee_client.get(reverse("bidra:mine")).content.decode()
    assert "Venter på svar" in content and "Til vurdering" in content
    assert "Må endres" in content and "Skriv mer om hvem." in content
    assert "Ble ikke med" in content and "Finnes fra før." in content
    assert "Noen andres" not in content


def test_a_returned_example_offers_a_way_to_fix_it(employee_client, make_innsending):
    eksempel = make_innsending(status=Status.RETURNERT)
    content = employee_client.get(reverse("bidra:mine")).content.decode()
    assert reverse("bidra:endre", args=[eksempel.pk]) in content


def test_a_published_example_links_to_where_others_read_it(employee_client, make_innsending):
    eksempel = make_innsending(status=Status.PUBLISERT, publisert=timezone.now())
    content = employee_client.get(reverse("bidra:mine")).content.decode()
    assert eksempel.get_absolute_url() in content


def test_someone_who_has_not_shared_gets_a_friendly_empty_page(editor_client):
    content = editor_client.get(reverse("bidra:mine")).content.decode()
    assert "Du har ikke delt noen eksempler ennå." in content


@pytest.mark.parametrize("count", [3, 60])
def test_my_examples_run_the_same_queries_for_few_and_many(
    employee_client, make_innsending, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_innsending()
    # session, user, my drafts, my examples, 2 permission checks
    with django_assert_max_num_queries(6):
        response = employee_client.get(reverse("bidra:mine"))
    assert response.status_code == 200


def test_employee_reads_their_own_submission_but_not_someone_elses(
    employee_client, make_innsending, make_user
):
    mine = make_innsending(tittel="Mitt eget")
    andres = make_innsending(by=make_user())
    response = employee_client.get(reverse("bidra:detail", args=[mine.pk]))
    assert response.status_code == 200 and "Mitt eget" in response.content.decode()
    assert employee_client.get(reverse("bidra:detail", args=[andres.pk])).status_code == 404
    assert employee_client.get(reverse("bidra:endre", args=[andres.pk])).status_code == 404


def test_my_submission_page_runs_a_bounded_number_of_queries(
    employee_client, make_innsending, django_assert_max_num_queries, make_gruppe, make_tema
):
    eksempel = make_innsending(grupper=[make_gruppe()], tema=[make_tema()])
    # session, user, example, 4 prefetches, 2 permission checks
    with django_assert_max_num_queries(9):
        assert employee_client.get(reverse("bidra:detail", args=[eksempel.pk])).status_code == 200


def test_a_returned_example_is_changed_and_sent_back_to_the_team(
    employee_client,
    make_innsending,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.REDAKSJON_EPOST = ["innbyggerstemmen@politiet.no"]
    eksempel = make_innsending(
        status=Status.RETURNERT, melding_fra_redaksjonen="Hvem var med?", personvern_bekreftet=True
    )
    form = employee_client.get(reverse("bidra:endre", args=[eksempel.pk]))
    assert "Hvem var med?" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post(
            reverse("bidra:endre", args=[eksempel.pk]),
            edit_form_data(eksempel, tittel="Med elevrådet", beskrivelse="Elevrådet var med."),
        )
    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING
    assert eksempel.tittel == "Med elevrådet" and eksempel.slug == "med-elevradet"
    assert eksempel.versjon == 2
    assert not eksempel.personvern_bekreftet
    assert "Endret eksempel til vurdering: Med elevrådet" in mailoutbox[0].subject


def test_an_example_waiting_for_review_cannot_be_changed_by_the_submitter(
    employee_client, make_innsending
):
    eksempel = make_innsending()
    response = employee_client.post(
        reverse("bidra:endre", args=[eksempel.pk]), edit_form_data(eksempel, tittel="Nytt")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("bidra:detail", args=[eksempel.pk])
    eksempel.refresh_from_db()
    assert eksempel.tittel != "Nytt"


def test_an_edit_after_someone_else_saved_is_refused_and_keeps_the_input(
    employee_client, make_innsending, editor
):
    eksempel = make_innsending(status=Status.RETURNERT, tittel="Første")
    opened = edit_form_data(eksempel, tittel="Min versjon")
    # An editor improves the text meanwhile.
    Eksempel.objects.filter(pk=eksempel.pk).update(tittel="Redaksjonens", versjon=2)
    response = employee_client.post(reverse("bidra:endre", args=[eksempel.pk]), opened)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Noen andre har lagret eksempelet etter at du åpnet det" in content
    assert 'value="Min versjon"' in content
    assert "Redaksjonens" in content  # theirs, beside mine
    assert 'name="konflikt_versjon" value="2"' in content
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Redaksjonens"
    # Pressing save again is not enough: overwriting takes the explicit tick.
    url = reverse("bidra:endre", args=[eksempel.pk])
    assert employee_client.post(url, opened).status_code == 200
    response = employee_client.post(
        url, {**opened, "konflikt_versjon": "2", "overskriv_versjon": "ja"}
    )
    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Min versjon" and eksempel.versjon == 3


def test_the_edit_form_checks_input_like_the_sharing_form(employee_client, make_innsending):
    eksempel = make_innsending(status=Status.RETURNERT)
    response = employee_client.post(
        reverse("bidra:endre", args=[eksempel.pk]), edit_form_data(eksempel, tittel="", aar="19")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv en kort tittel." in content and "Skriv et år mellom 2000" in content


def test_the_thank_you_page_belongs_to_the_submitter(make_innsending, make_user):
    eksempel = make_innsending()
    other = login(make_user())
    assert other.get(reverse("bidra:takk", args=[eksempel.pk])).status_code == 404


def test_an_editor_reviews_through_the_review_page_not_the_submitters_pages(
    editor_client, make_innsending
):
    eksempel = make_innsending()
    for name in ["bidra:detail", "bidra:endre", "bidra:takk"]:
        assert editor_client.get(reverse(name, args=[eksempel.pk])).status_code == 404, name
    assert editor_client.get(reverse("bidra:vurder", args=[eksempel.pk])).status_code == 200


def test_the_thank_you_and_edit_pages_run_a_bounded_number_of_queries(
    employee_client, make_innsending, django_assert_max_num_queries
):
    eksempel = make_innsending(status=Status.RETURNERT)
    # session, user, example, 2 permission checks
    with django_assert_max_num_queries(5):
        assert employee_client.get(reverse("bidra:takk", args=[eksempel.pk])).status_code == 200
    # session, user, example, version, its 4 relations, 4 choice lists, 2 permission checks
    with django_assert_max_num_queries(15):
        assert employee_client.get(reverse("bidra:endre", args=[eksempel.pk])).status_code == 200
