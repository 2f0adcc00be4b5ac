"""Editorial workflows as plain functions: the admin and views call these.

Every status change is one of `overganger.OVERGANGER`, checked on the locked row. Every
write here locks the example's row and moves `versjon` on by one, so a form opened before
the write is refused instead of silently overwriting it (see `felles.versjon`).
"""

import uuid
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from skattekiste.bidra import overganger, varsler
from skattekiste.bidra.models import Utkast
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.versjon import lock_version

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


def _move(eksempel: Eksempel, overgang: overganger.Overgang, *, by) -> None:
    """Change the status as `overganger.check` allowed, and record who and why."""
    eksempel.status = overgang.til
    if by is not None:
        eksempel.oppdatert_av = by
        eksempel._history_user = by
    # simple_history reads `_history_user` and `_change_reason`.
    eksempel._change_reason = overgang.grunn


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
    """Save with a slug made from the title; a slug taken meanwhile just tries the next one.

    Runs inside the caller's transaction, which holds the title's slug lock until it ends.
    """
    Eksempel.objects.lock_slug(eksempel.tittel)
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
    eksempel = Eksempel(innsendt=timezone.now(), innsending_id=innsending_id, opprettet_av=by)
    _apply_shared(eksempel, data)
    _move(eksempel, overganger.check(eksempel, "del"), by=by)
    try:
        _save_with_free_slug(eksempel)
    except IntegrityError as error:
        # A double-click that raced past the check above: the other request won.
        if _constraint_name(error) != "skattekiste_eksempel_unique_innsending":
            raise
        return _same_submitter(Eksempel.objects.get(innsending_id=innsending_id), by), False
    _set_relations(eksempel, data)
    # A draft this form came from is done with: the example now holds what it held.
    Utkast.objects.filter(pk=innsending_id, eier=by).delete()
    transaction.on_commit(partial(varsler.notify_team_of_submission, eksempel))
    return eksempel, True


@transaction.atomic
def save_draft(*, by, utkast_id: uuid.UUID, data: dict) -> Utkast:
    """Save the share form as it is, for its owner alone; the id is the form's `innsending_id`."""
    if Eksempel.objects.filter(innsending_id=utkast_id).exists():
        raise ValidationError(
            "Dette skjemaet er allerede sendt til redaksjonen. Du finner eksempelet under «Mine».",
            code="innsending_brukt",
        )
    # get_or_create: two saves of a new draft at once make one row, not an error.
    utkast, _ = Utkast.objects.select_for_update().get_or_create(
        pk=utkast_id, defaults={"eier": by}
    )
    if utkast.eier_id != by.pk:
        raise ValidationError(
            "Dette utkastet er ikke ditt. Last inn siden på nytt for å dele et nytt eksempel.",
            code="eier",
        )
    utkast.tittel = data.get("tittel") or ""
    utkast.data = data
    utkast.save()
    return utkast


@transaction.atomic
def resubmit_eksempel(*, eksempel: Eksempel, by, versjon: int, data: dict) -> Eksempel:
    """The submitter's changes to a returned example, sent back to the team."""
    lock_version(eksempel, versjon=versjon)
    if eksempel.opprettet_av_id != by.pk:
        raise ValidationError("Du kan bare endre et eksempel du har delt.", code="eier")
    _move(eksempel, overganger.check(eksempel, "send_igjen"), by=by)
    _apply_shared(eksempel, data)
    eksempel.innsendt = timezone.now()
    # The team confirms personvern for the new text, not the old.
    eksempel.personvern_bekreftet = False
    _save_with_free_slug(eksempel)
    _set_relations(eksempel, data)
    transaction.on_commit(partial(varsler.notify_team_of_submission, eksempel, igjen=True))
    return eksempel


@transaction.atomic
def publish_eksempel(
    *, eksempel: Eksempel, by=None, versjon: int | None = None, personvern_bekreftet=False
) -> Eksempel:
    """Publish after the personvern check; `personvern_bekreftet` confirms its warnings."""
    lock_version(eksempel, versjon=versjon)
    overgang = overganger.check(eksempel, "publiser")
    _personvern_gate(eksempel, confirmed=personvern_bekreftet)
    _move(eksempel, overgang, by=by)
    eksempel.publisert = eksempel.publisert or timezone.now()
    eksempel.save()
    _notify_submitter_later(eksempel)
    return eksempel


@transaction.atomic
def return_eksempel(
    *, eksempel: Eksempel, by, melding: str, versjon: int | None = None
) -> Eksempel:
    """Send the example back to the submitter, asking for changes."""
    lock_version(eksempel, versjon=versjon)
    _move(eksempel, overganger.check(eksempel, "returner"), by=by)
    eksempel.melding_fra_redaksjonen = melding
    eksempel.save()
    _notify_submitter_later(eksempel)
    return eksempel


@transaction.atomic
def decline_eksempel(
    *, eksempel: Eksempel, by, begrunnelse: str, versjon: int | None = None
) -> Eksempel:
    """Decline with a reason; the example stays in the database and its history."""
    lock_version(eksempel, versjon=versjon)
    _move(eksempel, overganger.check(eksempel, "avvis"), by=by)
    eksempel.melding_fra_redaksjonen = begrunnelse
    eksempel.save()
    _notify_submitter_later(eksempel)
    return eksempel


@transaction.atomic
def unpublish_eksempel(*, eksempel: Eksempel, by=None) -> Eksempel:
    """Take a published example back to a draft; nothing else can be unpublished."""
    lock_version(eksempel)
    _move(eksempel, overganger.check(eksempel, "avpubliser"), by=by)
    eksempel.save()
    return eksempel
