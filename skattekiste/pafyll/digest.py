"""The weekly e-mail (`manage.py send_pafyll`): each follower gets one e-mail with the examples
published in what they follow since they began following it, each example at most once.

Each person is done in two steps. First their new examples are claimed: inserted into
Utsendt in a committed transaction, where the unique constraint (bruker, eksempel) lets
only one run claim an example for a person. Then only the claimed examples are sent. A
second run, or one running at the same time, finds them claimed and sends nothing; a crash
before the claim sends them next time. A crash between claim and send (the mail server
down) loses that e-mail rather than risking a double one: at most once, by design.
"""

# Table names in the SQL come from code; every value is a parameter.
# ruff: noqa: S608

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from skattekiste.pafyll import queries
from skattekiste.pafyll.models import Folging, Mottaker, Utsendt
from skattekiste.pafyll.workflows import stop_token

logger = logging.getLogger(__name__)


def _claim(bruker_id: int, ids: list[int]) -> list[int]:
    """The ids this run may send: those no run has claimed for this person before."""
    if not ids:
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Utsendt._meta.db_table} (bruker_id, eksempel_id, sendt) "
            "SELECT %s, unnest(%s::bigint[]), now() "
            "ON CONFLICT ON CONSTRAINT skattekiste_utsendt_unik DO NOTHING RETURNING eksempel_id",
            [bruker_id, ids],
        )
        claimed = {row[0] for row in cursor.fetchall()}
    return [pk for pk in ids if pk in claimed]


def _sections(followed, by_id) -> list[tuple[str, list]]:
    """(follow's name, its examples), each example under the first follow it matches."""
    seen, sections = set(), []
    for item in followed:
        eksempler = [by_id[pk] for pk in item.nye if pk in by_id and pk not in seen]
        seen.update(e.pk for e in eksempler)
        if eksempler:
            sections.append((item.navn, eksempler))
    return sections


def _message(mottaker, sections):
    root = settings.SITE_ROOT
    stop = root + reverse("pafyll:stopp", args=[stop_token(mottaker.bruker)])
    context = {
        "bruker": mottaker.bruker,
        "seksjoner": sections,
        "root": root,
        "pafyll": root + reverse("pafyll:pafyll"),
        "stopp": stop,
    }
    n = sum(len(eksempler) for _, eksempler in sections)
    subject = f"Påfyll: {n} {'nytt eksempel' if n == 1 else 'nye eksempler'} i det du følger"
    message = EmailMultiAlternatives(
        subject,
        render_to_string("pafyll/epost/digest.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [mottaker.bruker.email],
        headers={"List-Unsubscribe": f"<{stop}>"},
    )
    message.attach_alternative(render_to_string("pafyll/epost/digest.html", context), "text/html")
    return message


def send_digest(*, now=None) -> int:
    """Sends the digest to everyone with something new; returns how many e-mails were sent."""
    now = now or timezone.now()
    mottakere = list(
        Mottaker.objects.filter(epost_pa=True, bruker__is_active=True)
        .exclude(bruker__email="")
        .filter(bruker__folginger__isnull=False)
        .distinct()
        .select_related("bruker")
    )
    if not mottakere:
        return 0
    rows = queries.published_since(now - queries.LOOKBACK)
    opts = queries.options()
    folginger: dict[int, list] = {}
    for folging in Folging.objects.filter(bruker__in=[m.bruker_id for m in mottakere]):
        folginger.setdefault(folging.bruker_id, []).append(folging)
    sent = 0
    for mottaker in mottakere:
        followed = queries.read(folginger.get(mottaker.bruker_id, []), opts)
        ids = queries.match(followed, rows, since_follow=True)
        claimed = _claim(mottaker.bruker_id, ids)
        if not claimed:
            continue
        sections = _sections(followed, queries.for_email(claimed))
        try:
            _message(mottaker, sections).send()
        except (smtplib.SMTPException, OSError):
            logger.exception("Kunne ikke sende Påfyll til bruker %s", mottaker.bruker_id)
            continue
        Mottaker.objects.filter(pk=mottaker.pk).update(sist_epost=now)
        sent += 1
    return sent
