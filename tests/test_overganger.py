"""Status changes: one table says which changes an example can make; every other is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from skattekiste.bidra import overganger
from skattekiste.bidra.overganger import NY, OVERGANGER
from skattekiste.bidra.workflows import (
    decline_eksempel,
    publish_eksempel,
    resubmit_eksempel,
    return_eksempel,
    unpublish_eksempel,
)
from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db

Status = Eksempel.Status

# How each change in the table is made; sharing («del») makes a new example instead.
WORKFLOWS = {
    "send_igjen": lambda eksempel, by: resubmit_eksempel(
        eksempel=eksempel, by=by, versjon=eksempel.versjon, data={}
    ),
    "publiser": lambda eksempel, by: publish_eksempel(eksempel=eksempel, by=by),
    "returner": lambda eksempel, by: return_eksempel(
        eksempel=eksempel, by=by, melding="Skriv hvem som var med."
    ),
    "avvis": lambda eksempel, by: decline_eksempel(
        eksempel=eksempel, by=by, begrunnelse="Vi har et likt eksempel fra før."
    ),
    "avpubliser": lambda eksempel, by: unpublish_eksempel(eksempel=eksempel, by=by),
}

SAVED_PAIRS = [(status, navn) for navn in WORKFLOWS for status in Status.values]
ALL_PAIRS = [(status, navn) for navn in OVERGANGER for status in [NY, *Status.values]]


def pairs(candidates, *, listed: bool):
    """The (status, action) pairs the table lists, or those it does not, named for the report."""
    return [
        pytest.param(status, navn, id=f"{navn}-fra-{status or 'nytt'}")
        for status, navn in candidates
        if (status in OVERGANGER[navn].fra) == listed
    ]


@pytest.fixture
def shared_in(make_innsending):
    """An example the employee shared through /bidra/, now in `status`."""

    def make(status):
        published = timezone.now() if status == Status.PUBLISERT else None
        return make_innsending(status=status, publisert=published)

    return make


def test_every_change_in_the_table_has_a_workflow_in_these_tests():
    assert set(WORKFLOWS) == set(OVERGANGER) - {"del"}


@pytest.mark.parametrize(
    "status, navn",
    pairs(ALL_PAIRS, listed=False),
)
def test_the_table_refuses_every_status_and_action_it_does_not_list(shared_in, status, navn):
    eksempel = Eksempel() if status is NY else shared_in(status)
    with pytest.raises(ValidationError) as refused:
        overganger.check(eksempel, navn)
    assert refused.value.code == "overgang"
    assert navn not in overganger.available(eksempel, OVERGANGER)


@pytest.mark.parametrize(
    "status, navn",
    pairs(SAVED_PAIRS, listed=False),
)
def test_every_workflow_refuses_a_change_the_table_does_not_list_and_saves_nothing(
    shared_in, employee, status, navn
):
    eksempel = shared_in(status)
    before = (eksempel.versjon, eksempel.history.count())
    with pytest.raises(ValidationError) as refused:
        WORKFLOWS[navn](eksempel, employee)
    assert refused.value.code == "overgang"
    saved = Eksempel.objects.get(pk=eksempel.pk)
    assert saved.status == status
    assert (saved.versjon, saved.history.count()) == before


@pytest.mark.parametrize(
    "status, navn",
    pairs(SAVED_PAIRS, listed=True),
)
def test_every_workflow_makes_the_change_the_table_lists(shared_in, employee, status, navn):
    eksempel = shared_in(status)
    versjon = eksempel.versjon
    WORKFLOWS[navn](eksempel, employee)
    saved = Eksempel.objects.get(pk=eksempel.pk)
    assert saved.status == OVERGANGER[navn].til
    assert saved.versjon == versjon + 1
    assert saved.history.latest("history_date").history_change_reason == OVERGANGER[navn].grunn


def test_unpublishing_an_example_waiting_for_review_is_refused_and_it_keeps_waiting(
    make_innsending, editor
):
    eksempel = make_innsending()
    with pytest.raises(ValidationError) as refused:
        unpublish_eksempel(eksempel=eksempel, by=editor)
    assert refused.value.message == (
        "«Avpubliser» går ikke når eksempelet har status «Til vurdering». "
        "Det går bare når det er «Publisert»."
    )
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_the_refusal_names_every_status_the_change_can_start_from(make_eksempel):
    utkast = make_eksempel(status=Status.UTKAST, publisert=None)
    assert overganger.refusal(utkast, "avvis") == (
        "«Avvis» går ikke når eksempelet har status «Utkast». "
        "Det går bare når det er «Til vurdering» eller «Sendt tilbake for endring»."
    )


def test_publishing_a_published_example_again_says_it_already_is(make_eksempel, editor):
    eksempel = make_eksempel()
    with pytest.raises(ValidationError, match="Eksempelet har allerede status «Publisert»."):
        publish_eksempel(eksempel=eksempel, by=editor)
    assert eksempel.history.filter(history_change_reason="Publisert").count() == 0


def test_only_an_example_an_employee_shared_can_be_sent_back(make_eksempel, editor):
    eksempel = make_eksempel(status=Status.TIL_VURDERING, publisert=None)
    with pytest.raises(ValidationError, match="går bare for eksempler som en ansatt har delt"):
        return_eksempel(eksempel=eksempel, by=editor, melding="Skriv mer.")
    eksempel.refresh_from_db()
    assert eksempel.status == Status.TIL_VURDERING


def test_only_the_submitter_can_send_a_returned_example_again(make_innsending, make_user):
    eksempel = make_innsending(status=Status.RETURNERT)
    with pytest.raises(ValidationError, match="Du kan bare endre et eksempel du har delt."):
        resubmit_eksempel(eksempel=eksempel, by=make_user(), versjon=eksempel.versjon, data={})
    eksempel.refresh_from_db()
    assert eksempel.status == Status.RETURNERT
