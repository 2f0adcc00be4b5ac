"""Editorial workflows as plain functions: the admin and views call these.

Every write here locks the example's row and moves `versjon` on by one, so a form opened
before the write is refused instead of silently overwriting it (see `felles.versjon`).
"""

import uuid
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from skattekiste.bidra import varsler
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.versjon import lock_version

Status = Eksempel.Status

# What an employee fills in on /bidra/; status, dates and review fields are the team's.
SHARED_FIELDS = (
    "tittel",
    "ingress",
    "beskrivelse",
    "sted",
    "aar",
    "situasjoner",
    "hva_fungerte",
    "hva_fungerte_ikke",
    "laering",
    "kilder",
    "kontakt_navn",
    "kontakt_rolle",
    "kontakt_enhet",
    "kontakt_epost",
    "kontakt_telefon",
)
SHARED_RELATIONS = ("distrikter", "grupper", "metoder", "tema")


def review_actions(eksempel: Eksempel) -> list[str]:
    """What the team can do with the example now (the review page's names for it)."""
    actions = []
    if eksempel.status != Status.PUBLISERT:
        actions.append("publiser")
    if eksempel.status == Status.TIL_VURDERING and eksempel.opprettet_av_id is not None:
        actions.append("returner")
    if eksempel.status in (Status.TIL_VURDERING, Status.RETURNERT):
        actions.append("avvis")
    return actions


def _record(eksempel: Eksempel, *, by, reason: str) -> None:
    """Who and why, for the history (simple_history reads these two attributes)."""
    if by is not None:
        eksempel.oppdatert_av = by
        eksempel._history_user = by
    eksempel._change_reason = reason


def _apply_shared(eksempel: Eksempel, data: dict) -> None:
    unknown = set(data) - set(SHARED_FIELDS) - set(SHARED_RELATIONS)
    if unknown:
        raise TypeError(f"Not fields an employee may share: {sorted(unknown)}")
    for name in SHARED_FIELDS:
        if name in data:
            setattr(eksempel, name, data[name])


def _set_relations(eksempel: Eksempel, data: dict) -> None:
    for name in SHARED_RELATIONS:
        if name in data:
            getattr(eksempel, name).set(list(data[name]))


def _constraint_name(error: IntegrityError) -> str | None:
    return getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)


def _save_with_free_slug(eksempel: Eksempel, *, attempts: int = 5) -> None:
    """Save with a slug made from the title; a slug taken meanwhile just tries the next one."""
    for attempt in range(attempts):
        eksempel.slug = Eksempel.objects.free_slug(eksempel.tittel, exclude_pk=eksempel.pk)
        try:
            with transaction.atomic():
                eksempel.save()
            return
        except IntegrityError as error:
            if _constraint_name(error) != "skattekiste_eksempel_unique_slug" or (
                attempt == attempts - 1
            ):
                raise


def _same_submitter(eksempel: Eksempel, by) -> Eksempel:
    if eksempel.opprettet_av_id != by.pk:
        raise ValidationError(
            "Dette skjemaet er allerede sendt inn. Last inn siden på nytt for å dele et nytt "
            "eksempel.",
            code="innsending_brukt",
        )
    return eksempel


def _personvern_gate(eksempel: Eksempel, *, confirmed: bool) -> None:
    report = personvern.check_eksempel(eksempel)
    if report.errors:
        raise ValidationError(
            " ".join(m for messages in report.errors.values() for m in messages),
            code="personvern_identitet",
        )
    if report.warnings and not (confirmed or eksempel.personvern_bekreftet):
        raise ValidationError(report.confirmation_message(), code="personvern_ubekreftet")
    if report.warnings:
        eksempel.personvern_bekreftet = True


def _notify_submitter_later(eksempel: Eksempel) -> None:
    # Only examples shared through /bidra/ have someone waiting for an answer.
    if eksempel.innsendt is not None:
        transaction.on_commit(partial(varsler.notify_submitter, eksempel))


@transaction.atomic
def submit_eksempel(*, by, innsending_id: uuid.UUID, data: dict) -> tuple[Eksempel, bool]:
    """Save a shared example for review. The same `innsending_id` again returns the first one.

    Returns the example and whether it was created now.
    """
    existing = Eksempel.objects.filter(innsending_id=innsending_id).first()
    if existing is not None:
        return _same_submitter(existing, by), False
    eksempel = Eksempel(
        status=Status.TIL_VURDERING,
        innsendt=timezone.now(),
        innsending_id=innsending_id,
        opprettet_av=by,
    )
    _apply_shared(eksempel, data)
    _record(eksempel, by=by, reason="Delt og sendt til vurdering")
    try:
        _save_with_free_slug(eksempel)
    except IntegrityError as error:
        # A double-click that raced past the check above: the other request won.
        if _constraint_name(error) != "skattekiste_eksempel_unique_innsending":
            raise
        return _same_submitter(Eksempel.objects.get(innsending_id=innsending_id), by), False
    _set_relations(eksempel, data)
    transaction.on_commit(partial(varsler.notify_team_of_submission, eksempel))
    return eksempel, True


@transaction.atomic
def resubmit_eksempel(*, eksempel: Eksempel, by, versjon: int, data: dict) -> Eksempel:
    """The submitter's changes to a returned example, sent back to the team."""
    lock_version(eksempel, versjon=versjon)
    if eksempel.status != Status.RETURNERT or eksempel.opprettet_av_id != by.pk:
        raise ValidationError(
            "Du kan bare endre et eksempel du har delt, og som redaksjonen har sendt tilbake.",
            code="status",
        )
    _apply_shared(eksempel, data)
    eksempel.status = Status.TIL_VURDERING
    eksempel.innsendt = timezone.now()
    # The team confirms personvern for the new text, not the old.
    eksempel.personvern_bekreftet = False
    _record(eksempel, by=by, reason="Endret og sendt til vurdering igjen")
    _save_with_free_slug(eksempel)
    _set_relations(eksempel, data)
    transaction.on_commit(partial(varsler.notify_team_of_submission, eksempel, igjen=True))
    return eksempel


@transaction.atomic
def publish_eksempel(
    *, eksempel: Eksempel, by=None, versjon: int | None = None, personvern_bekreftet=False
) -> Eksempel:
    """Publish after the personvern check; `personvern_bekreftet` confirms its warnings."""
    if eksempel.status == Status.PUBLISERT and versjon is None:
        return eksempel
    lock_version(eksempel, versjon=versjon)
    if eksempel.status == Status.PUBLISERT:
        raise ValidationError("Eksempelet er allerede publisert.", code="status")
    _personvern_gate(eksempel, confirmed=personvern_bekreftet)
    eksempel.status = Status.PUBLISERT
    eksempel.publisert = eksempel.publisert or timezone.now()
    _record(eksempel, by=by, reason="Publisert")
    eksempel.save()
    _notify_submitter_later(eksempel)
    return eksempel


@transaction.atomic
def return_eksempel(
    *, eksempel: Eksempel, by, melding: str, versjon: int | None = None
) -> Eksempel:
    """Send the example back to the submitter, asking for changes."""
    lock_version(eksempel, versjon=versjon)
    if eksempel.status != Status.TIL_VURDERING or eksempel.opprettet_av_id is None:
        raise ValidationError(
            "Bare delte eksempler som venter på vurdering kan sendes tilbake.", code="status"
        )
    eksempel.status = Status.RETURNERT
    eksempel.melding_fra_redaksjonen = melding
    _record(eksempel, by=by, reason="Sendt tilbake for endring")
    eksempel.save()
    _notify_submitter_later(eksempel)
    return eksempel


@transaction.atomic
def decline_eksempel(
    *, eksempel: Eksempel, by, begrunnelse: str, versjon: int | None = None
) -> Eksempel:
    """Decline with a reason; the example stays in the database and its history."""
    lock_version(eksempel, versjon=versjon)
    if eksempel.status not in (Status.TIL_VURDERING, Status.RETURNERT):
        raise ValidationError(
            "Bare eksempler som venter på vurdering eller er sendt tilbake, kan avvises.",
            code="status",
        )
    eksempel.status = Status.AVVIST
    eksempel.melding_fra_redaksjonen = begrunnelse
    _record(eksempel, by=by, reason="Avvist")
    eksempel.save()
    _notify_submitter_later(eksempel)
    return eksempel


@transaction.atomic
def unpublish_eksempel(*, eksempel: Eksempel, by=None) -> Eksempel:
    lock_version(eksempel)
    eksempel.status = Status.UTKAST
    _record(eksempel, by=by, reason="Avpublisert")
    eksempel.save()
    return eksempel
