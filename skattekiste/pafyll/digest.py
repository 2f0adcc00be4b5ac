"""The weekly e-mail (`manage.py send_pafyll`): each follower gets one e-mail with the examples
and insights published in what they follow since they began following it, each at most once.

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

from skattekiste.eksempler.models import Eksempel
from skattekiste.pafyll import queries
from skattekiste.pafyll.models import Folging, Mottaker, Utsendt
from skattekiste.pafyll.workflows import stop_token

logger = logging.getLogger(__name__)


# (column, constraint) of what is claimed: an example or an insight.
EKSEMPEL = ("eksempel_id", "skattekiste_utsendt_unik")
INNSIKT = ("innsikt_id", "skattekiste_utsendt_innsikt_unik")


def _claim(bruker_id: int, ids: list[int], kind=EKSEMPEL) -> list[int]:
    """The ids this run may send: those no run has claimed for this person before."""
    if not ids:
        return []
    column, constraint = kind
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Utsendt._meta.db_table} (bruker_id, {column}, sendt) "
            "SELECT %s, unnest(%s::bigint[]), now() "
            f"ON CONFLICT ON CONSTRAINT {constraint} DO NOTHING RETURNING {column}",
            [bruker_id, ids],
        )
        claimed = {row[0] for row in cursor.fetchall()}
    return [pk for pk in ids if pk in claimed]


def _sections(followed, by_id, innsikt_by_id) -> list[tuple[str, list]]:
    """(follow's name, its examples and insights), each under the first follow it matches."""
    seen, sections = set(), []
    for item in followed:
        rows = []
        for kind, ids, found in (("e", item.nye, by_id), ("i", item.nye_innsikt, innsikt_by_id)):
            fresh = [pk for pk in ids if pk in found and (kind, pk) not in seen]
            seen.update((kind, pk) for pk in fresh)
            rows += [found[pk] for pk in fresh]
        if rows:
            sections.append((item.navn, rows))
    return sections


def _subject(sections) -> str:
    n = sum(1 for _, rows in sections for row in rows if isinstance(row, Eksempel))
    m = sum(len(rows) for _, rows in sections) - n
    parts = []
    if n:
        parts.append(f"{n} {'nytt eksempel' if n == 1 else 'nye eksempler'}")
    if m:
        parts.append(f"{m} {'ny innsikt' if m == 1 else 'nye innsikter'}")
    return f"Påfyll: {' og '.join(parts)} i det du følger"


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
    message = EmailMultiAlternatives(
        _subject(sections),
        render_to_string("pafyll/epost/digest.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [mottaker.bruker.email],
        # RFC 8058: a mail client may offer «Avslutt abonnement» and POST to the link.
        headers={
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
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
    innsikt_rows = []
    if queries.wants_insights(Folging.objects.values_list("liste", flat=True).distinct()):
        innsikt_rows = queries.insights_since(now - queries.LOOKBACK)
    opts = queries.options()
    folginger: dict[int, list] = {}
    for folging in Folging.objects.filter(bruker__in=[m.bruker_id for m in mottakere]):
        folginger.setdefault(folging.bruker_id, []).append(folging)
    sent = 0
    for mottaker in mottakere:
        followed = queries.read(folginger.get(mottaker.bruker_id, []), opts)
        ids = queries.match(followed, rows, innsikt_rows=innsikt_rows, since_follow=True)
        claimed = _claim(mottaker.bruker_id, ids)
        innsikt_ids = queries.matched_insights(followed, innsikt_rows)
        claimed_innsikt = _claim(mottaker.bruker_id, innsikt_ids, INNSIKT) if innsikt_ids else []
        if not claimed and not claimed_innsikt:
            continue
        sections = _sections(
            followed,
            queries.for_email(claimed) if claimed else {},
            queries.insights_for_email(claimed_innsikt) if claimed_innsikt else {},
        )
        try:
            _message(mottaker, sections).send()
        except (smtplib.SMTPException, OSError):
            logger.exception("Kunne ikke sende Påfyll til bruker %s", mottaker.bruker_id)
            continue
        Mottaker.objects.filter(pk=mottaker.pk).update(sist_epost=now)
        sent += 1
    return sent
