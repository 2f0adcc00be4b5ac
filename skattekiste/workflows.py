"""Editorial workflows as plain functions: the admin and views call these."""

from django.db import transaction
from django.utils import timezone

from skattekiste.models import Eksempel


@transaction.atomic
def publish_eksempel(*, eksempel: Eksempel, by=None) -> Eksempel:
    eksempel.status = Eksempel.Status.PUBLISERT
    eksempel.publisert = eksempel.publisert or timezone.now()
    eksempel.oppdatert_av = by
    eksempel.save(update_fields=["status", "publisert", "oppdatert_av", "oppdatert"])
    return eksempel


@transaction.atomic
def unpublish_eksempel(*, eksempel: Eksempel, by=None) -> Eksempel:
    eksempel.status = Eksempel.Status.UTKAST
    eksempel.oppdatert_av = by
    eksempel.save(update_fields=["status", "oppdatert_av", "oppdatert"])
    return eksempel
