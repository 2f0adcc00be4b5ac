"""Making, changing and sharing a plan: plain functions, called by the views.

Every write is recorded in the history with who made it. Changing the plan locks its row
and counts `versjon` one up (felles/versjon.py), so a save from a tab opened before
another save is refused instead of overwriting it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from metoder.models import Steg
from skattekiste.felles.versjon import lock_version
from skattekiste.planer.models import Deling, Plan, Planpunkt

PLAN_FIELDS = ("tittel", "situasjon", "gruppe", "distrikt", "notat")
STEP_FIELDS = ("ferdig", "notat", "hvem", "naar")


def _only_the_owner(plan: Plan, by) -> None:
    if plan.eier_id != by.pk:
        raise PermissionDenied("Bare den som eier planen, kan endre den.")


@transaction.atomic
def create_plan(*, eier, tittel, metoder, situasjon="", gruppe=None, distrikt=None) -> Plan:
    """A new private plan with the chosen cards' steps, in card order, as its checklist."""
    plan = Plan(eier=eier, tittel=tittel, situasjon=situasjon, gruppe=gruppe, distrikt=distrikt)
    plan._history_user = eier
    plan.save()
    plan.metoder.set(metoder)
    steps = Steg.objects.filter(metode__in=metoder).order_by("metode__nummer", "rekkefolge")
    punkter = [
        Planpunkt(plan=plan, metode_id=steg.metode_id, rekkefolge=n, tekst=steg.tekst)
        for n, steg in enumerate(steps.only("metode_id", "tekst"), start=1)
    ]
    bulk_create_with_history(punkter, Planpunkt, default_user=eier)
    return plan


@transaction.atomic
def save_plan(*, plan: Plan, by, versjon: int, data: dict, punkter: dict[int, dict]) -> Plan:
    """The owner's changes: the plan's fields and, per step (by id), done, note, who, when."""
    _only_the_owner(plan, by)
    lock_version(plan, versjon=versjon)
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    plan._history_user = by
    plan.save()
    for punkt in plan.punkter.filter(pk__in=list(punkter)):
        values = punkter[punkt.pk]
        if any(getattr(punkt, name) != values.get(name) for name in STEP_FIELDS):
            for name in STEP_FIELDS:
                setattr(punkt, name, values.get(name))
            punkt._history_user = by
            punkt.save()
    return plan


@transaction.atomic
def share_plan(*, plan: Plan, by, deling: str, kolleger=()) -> Plan:
    """Who may read the plan. Named colleagues count only while the plan is shared by name."""
    _only_the_owner(plan, by)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.deling = deling
    plan._history_user = by
    plan.save(update_fields=["deling", "oppdatert"])
    plan.delt_med.set([] if deling == Deling.PRIVAT else [k for k in kolleger if k.pk != by.pk])
    return plan
