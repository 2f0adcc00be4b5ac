"""E-mails about shared examples: the team hears of new ones, the submitter of the outcome."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from skattekiste.felles.roles import REDAKSJON

logger = logging.getLogger(__name__)


def team_addresses() -> list[str]:
    if settings.REDAKSJON_EPOST:
        return list(settings.REDAKSJON_EPOST)
    return sorted(
        get_user_model()
        .objects.filter(groups__name=REDAKSJON, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _link(viewname: str, *args) -> str:
    return settings.SITE_ROOT + reverse(viewname, args=args)


def _one_line(text: str) -> str:
    # A line break in a subject is refused by Django (header injection); titles are user text.
    return " ".join(text.split())


def _send(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    if not to:
        return
    body = render_to_string(template, context)
    try:
        send_mail(_one_line(subject), body, settings.DEFAULT_FROM_EMAIL, to)
    except (smtplib.SMTPException, OSError):
        # The example is saved either way; a mail server hiccup must not lose it or show a 500.
        logger.exception("Kunne ikke sende e-post: %s", subject)


def notify_team_of_submission(eksempel, *, igjen: bool = False) -> None:
    _send(
        subject=f"{'Endret' if igjen else 'Nytt'} eksempel til vurdering: {eksempel.tittel}",
        template="bidra/epost/ny_innsending.txt",
        context={"eksempel": eksempel, "igjen": igjen, "lenke": _link("bidra:vurder", eksempel.pk)},
        to=team_addresses(),
    )


def notify_submitter(eksempel) -> None:
    """Tell the person who shared the example that it was published, returned or declined."""
    submitter = eksempel.opprettet_av
    if submitter is None or not submitter.email:
        return
    subjects = {
        "publisert": "Eksempelet ditt er publisert",
        "returnert": "Redaksjonen ber deg se på eksempelet ditt igjen",
        "avvist": "Eksempelet ditt blir ikke publisert",
    }
    lenker = {
        "publisert": _link("eksempler:detail", eksempel.slug),
        "returnert": _link("bidra:endre", eksempel.pk),
        "avvist": _link("bidra:mine"),
    }
    _send(
        subject=f"{subjects[eksempel.status]}: {eksempel.tittel}",
        template=f"bidra/epost/{eksempel.status}.txt",
        context={"eksempel": eksempel, "lenke": lenker[eksempel.status]},
        to=[submitter.email],
    )
