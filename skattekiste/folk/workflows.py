"""Saving an employee's own sparring entry: one per person, also from two tabs at once."""

from django.db import transaction

from skattekiste.folk.models import Sparringpartner

FIELDS = ("navn", "rolle", "enhet", "distrikt", "kan_hjelpe_med")


@transaction.atomic
def save_entry(*, bruker, data: dict) -> tuple[Sparringpartner, bool]:
    """Create or update `bruker`'s entry from the form's cleaned data; True if created.

    update_or_create locks an existing row, and when two requests create at once the
    database's one-per-person rule stops the second insert, which then updates instead.
    """
    entry, created = Sparringpartner.objects.update_or_create(
        bruker=bruker, defaults={name: data.get(name) or _empty(name) for name in FIELDS}
    )
    entry.metoder.set(data.get("metoder") or [])
    entry.grupper.set(data.get("grupper") or [])
    return entry, created


def _empty(name):
    return None if name == "distrikt" else ""
