"""The team's limit for old content: Redaksjon sets it in the admin (1–20 years, one row,
with history), and the overview's freshness counts and the notices on pages follow it."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.oversikt.models import Innstilling

pytestmark = pytest.mark.django_db

CHANGE = reverse("admin:skattekiste_innstilling_change", args=[1])
NOTICE = "år siden. Sjekk om"


def test_the_limit_is_three_years_until_the_team_changes_it():
    assert Innstilling.objects.get().fersk_grense_aar == 3


def test_an_editor_changes_the_limit_in_the_admin_and_the_change_is_kept_in_history(
    editor_client, editor
):
    response = editor_client.post(CHANGE, {"fersk_grense_aar": "6"})
    assert response.status_code == 302
    innstilling = Innstilling.objects.get()
    assert innstilling.fersk_grense_aar == 6
    latest = innstilling.history.latest("history_date")
    assert latest.history_user == editor and latest.fersk_grense_aar == 6
    page = editor_client.get(reverse("admin:skattekiste_innstilling_history", args=[1]))
    assert page.status_code == 200


@pytest.mark.parametrize("value", ["0", "21", "tre", "-1", "99999999999"])
def test_a_limit_outside_1_to_20_years_gets_a_norwegian_message_next_to_the_field(
    editor_client, value
):
    response = editor_client.post(CHANGE, {"fersk_grense_aar": value})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["fersk_grense_aar"]
    assert errors and not any("Ensure" in e or "Enter" in e for e in errors)
    assert Innstilling.objects.get().fersk_grense_aar == 3


def test_the_database_holds_one_row_with_a_limit_from_1_to_20_years():
    with pytest.raises(IntegrityError), transaction.atomic():
        Innstilling.objects.create(pk=2, fersk_grense_aar=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Innstilling.objects.filter(pk=1).update(fersk_grense_aar=21)
    with pytest.raises(IntegrityError), transaction.atomic():
        Innstilling.objects.filter(pk=1).update(fersk_grense_aar=0)
    Innstilling(fersk_grense_aar=4).save()  # saving a new object still changes the one row
    assert list(Innstilling.objects.values_list("pk", "fersk_grense_aar")) == [(1, 4)]


def test_an_employee_without_redaksjon_cannot_change_the_limit(employee_client):
    assert employee_client.post(CHANGE, {"fersk_grense_aar": "1"}).status_code in (302, 403)
    assert Innstilling.objects.get().fersk_grense_aar == 3


def test_the_overviews_freshness_counts_follow_the_limit(editor_client, make_innsikt):
    year = timezone.localdate().year
    for age in (1, 2, 4, 6, 6, 12):
        make_innsikt(dato=datetime.date(year - age, 3, 1))
    for limit in (3, 5, 10, 1):
        Innstilling.objects.filter(pk=1).update(fersk_grense_aar=limit)
        response = editor_client.get("/oversikt/")
        expected = Innsikt.objects.published().filter(dato__year__lt=year - limit).count()
        assert response.context["ferskhet"].innsikter == expected
        assert response.context["ferskhet"].grense_aar == year - limit
        text = response.content.decode()
        assert f"er mer enn {limit} år gamle" in text
        assert f"ingenting nyere enn {limit} år" in text


def test_a_groups_missing_fresh_knowledge_follows_the_limit(
    employee_client, make_innsikt, make_gruppe
):
    year = timezone.localdate().year
    gruppe = make_gruppe(navn="Eldre")
    make_innsikt(grupper=[gruppe], dato=datetime.date(year - 4, 3, 1))

    def mangler():
        kunnskap = employee_client.get("/oversikt/").context["o"].for_lite
        return next(k for k in kunnskap if k.gruppe == gruppe).mangler

    assert "Ingenting nyere enn 3 år" in mangler()
    Innstilling.objects.filter(pk=1).update(fersk_grense_aar=5)
    assert not any(m.startswith("Ingenting nyere") for m in mangler())


def test_the_notice_on_example_and_insight_pages_follows_the_limit(
    employee_client, make_eksempel, make_innsikt
):
    year = timezone.localdate().year
    eksempel = make_eksempel(aar=year - 4)
    innsikt = make_innsikt(dato=datetime.date(year - 4, 6, 1))
    for obj in (eksempel, innsikt):
        assert "mer enn 3 år siden" in employee_client.get(obj.get_absolute_url()).content.decode()
    Innstilling.objects.filter(pk=1).update(fersk_grense_aar=5)
    for obj in (eksempel, innsikt):
        assert NOTICE not in employee_client.get(obj.get_absolute_url()).content.decode()
    Innstilling.objects.filter(pk=1).update(fersk_grense_aar=2)
    for obj in (eksempel, innsikt):
        text = employee_client.get(obj.get_absolute_url()).content.decode()
        assert f"Dette er fra {year - 4}, mer enn 2 år siden" in text


def test_only_an_item_from_before_last_year_reads_the_limit(employee_client, make_eksempel):
    year = timezone.localdate().year
    for aar, reads in ((year, False), (year - 1, False), (year - 2, True)):
        eksempel = make_eksempel(aar=aar)
        with CaptureQueriesContext(connection) as captured:
            employee_client.get(eksempel.get_absolute_url())
        sql = " ".join(q["sql"] for q in captured.captured_queries)
        assert ("skattekiste_innstilling" in sql) is reads
