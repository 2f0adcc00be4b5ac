"""Making, changing and sharing a plan: plain functions, called by the views.

Every write is recorded in the history with who made it. Changing the plan locks its row
and counts `versjon` one up (felles/versjon.py), so a save from a tab opened before
another save is refused instead of overwriting it.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from metoder.models import Metode, Steg
from skattekiste.felles.versjon import lock_version
from skattekiste.planer.historikk import method_change_reason
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
    _append_steps(plan, metoder, by=eier)
    return plan


def _append_steps(plan: Plan, metoder, *, by) -> None:
    """The cards' steps, in card order, after the plan's last step. A step the plan still
    has from a card taken away earlier (kept for its notes) is not added a second time."""
    have = list(plan.punkter.values_list("metode_id", "tekst", "rekkefolge"))
    known = {(metode_id, tekst) for metode_id, tekst, _ in have}
    steps = Steg.objects.filter(metode__in=metoder).order_by("metode__nummer", "rekkefolge")
    new = [s for s in steps.only("metode_id", "tekst") if (s.metode_id, s.tekst) not in known]
    last = max((rekkefolge for *_, rekkefolge in have), default=0)
    punkter = [
        Planpunkt(plan=plan, metode_id=steg.metode_id, rekkefolge=n, tekst=steg.tekst)
        for n, steg in enumerate(new, start=last + 1)
    ]
    bulk_create_with_history(punkter, Planpunkt, default_user=by)


def _is_touched(punkt: Planpunkt) -> bool:
    return punkt.ferdig or bool(punkt.hvem or punkt.naar or punkt.notat)


@dataclass
class SaveResult:
    plan: Plan
    # Cards taken away whose steps the owner had ticked or written in: those steps stay.
    kept_from: list[Metode] = field(default_factory=list)


@transaction.atomic
def save_plan(*, plan: Plan, by, versjon: int, data: dict, punkter: dict[int, dict]) -> SaveResult:
    """The owner's changes: the plan's fields, its cards (`data["metoder"]`) and, per step
    (by id), done, note, who, when. A new card's steps are added at the end; a card taken
    away takes its untouched steps with it and leaves those the owner wrote in."""
    _only_the_owner(plan, by)
    chosen = None if data.get("metoder") is None else list(data["metoder"])
    if chosen == []:
        raise ValidationError("Velg minst én metode.", code="required")
    lock_version(plan, versjon=versjon)
    for name in PLAN_FIELDS:
        if name in data:
            setattr(plan, name, data[name])
    plan._history_user = by
    added, removed = [], []
    if chosen is not None:
        before = list(plan.metoder.all())
        added = [m for m in chosen if m not in before]
        removed = [m for m in before if m not in chosen]
        # The cards are a many-to-many the plan's history does not copy: the reason says it.
        plan._change_reason = method_change_reason(added, removed) or None
    plan.save()
    for punkt in plan.punkter.filter(pk__in=list(punkter)):
        values = punkter[punkt.pk]
        if any(getattr(punkt, name) != values.get(name) for name in STEP_FIELDS):
            for name in STEP_FIELDS:
                setattr(punkt, name, values.get(name))
            punkt._history_user = by
            punkt.save()
    result = SaveResult(plan=plan)
    if added or removed:
        plan.metoder.set(chosen)
        result.kept_from = _drop_untouched_steps(plan, removed, by=by)
        _append_steps(plan, added, by=by)
    return result


def _drop_untouched_steps(plan: Plan, removed: list[Metode], *, by) -> list[Metode]:
    """Delete the steps of the cards taken away that nobody ticked or wrote in; name the
    cards whose other steps are kept, so no one's notes are lost without a word."""
    kept = set()
    for punkt in plan.punkter.filter(metode__in=removed):
        if _is_touched(punkt):
            kept.add(punkt.metode_id)
        else:
            punkt._history_user = by
            punkt.delete()
    return [m for m in removed if m.pk in kept]


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
