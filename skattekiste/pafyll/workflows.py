"""Following and stopping, the e-mail choice and visits: plain functions, keyword-only."""

import secrets
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from skattekiste.pafyll.models import Folging, Mottaker

# Visits closer together than this are one visit, so a reload does not empty /pafyll/.
SAME_VISIT = timedelta(minutes=30)
STOP_SALT = "skattekiste.pafyll.stopp"
# An unsubscribe link works for a year; an older one asks the person to log in instead.
STOP_MAX_AGE = 365 * 24 * 3600


def follow(*, bruker, sporring: str, liste: str = Folging.Liste.EKSEMPLER) -> Folging:
    """Follow the list with these (normalised) filters; following twice is one follow."""
    Mottaker.objects.get_or_create(bruker=bruker)
    try:
        with transaction.atomic():
            return Folging.objects.create(bruker=bruker, liste=liste, sporring=sporring)
    except IntegrityError:
        return Folging.objects.get(bruker=bruker, liste=liste, sporring=sporring)


def unfollow(*, bruker, sporring: str, liste: str = Folging.Liste.EKSEMPLER) -> bool:
    deleted, _ = Folging.objects.filter(bruker=bruker, liste=liste, sporring=sporring).delete()
    return bool(deleted)


def set_email(*, bruker, pa: bool) -> None:
    Mottaker.objects.update_or_create(bruker=bruker, defaults={"epost_pa": pa})


def visit(*, bruker, now=None):
    """Records a visit to /pafyll/ and returns what counts as new: after the visit before."""
    now = now or timezone.now()
    with transaction.atomic():
        mottaker, _ = Mottaker.objects.select_for_update().get_or_create(bruker=bruker)
        if mottaker.sist_besokt is None or now - mottaker.sist_besokt > SAME_VISIT:
            mottaker.forrige_besok = mottaker.sist_besokt
        mottaker.sist_besokt = now
        mottaker.save(update_fields=["forrige_besok", "sist_besokt"])
    return mottaker


def renew_feed_key(*, bruker) -> str:
    """A new secret for this person's feed links; the old links stop working at once."""
    key = secrets.token_urlsafe(32)
    Mottaker.objects.update_or_create(bruker=bruker, defaults={"feed_nokkel": key})
    return key


def stop_token(bruker) -> str:
    return signing.TimestampSigner(salt=STOP_SALT).sign(str(bruker.pk))


def stop_by_token(*, token: str, pa: bool = False) -> bool:
    """Turns the e-mail off (or, to undo, on) for the person the signed token names. Raises
    signing.BadSignature (forged) or signing.SignatureExpired (too old)."""
    pk = signing.TimestampSigner(salt=STOP_SALT).unsign(token, max_age=STOP_MAX_AGE)
    return bool(Mottaker.objects.filter(bruker_id=int(pk)).update(epost_pa=pa))
