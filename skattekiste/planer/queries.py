"""What the plan pages read. A plan is found only through `Plan.objects.visible_to` (readers)
or `owned_by` (the owner's own pages): anyone else gets 404, never a hint that it exists.

The people to talk to and the group's needs come from the chooser's own queries
(komigang/queries.py), so a plan and the chooser never disagree.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from metoder.models import Husk, Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.komigang import queries as komigang
from skattekiste.planer.models import Deling, Plan, Planpunkt

_CARDS = Metode.objects.defer("search_vector").order_by("nummer")
_TIPS = Husk.objects.defer("search_vector").order_by("rekkefolge")


def _with_everything(plans):
    return plans.select_related("eier", "gruppe", "distrikt").prefetch_related(
        Prefetch("metoder", queryset=_CARDS.prefetch_related(Prefetch("husk", queryset=_TIPS))),
        Prefetch("punkter", queryset=Planpunkt.objects.order_by("rekkefolge")),
    )


def plan_to_read(user, pk) -> Plan:
    return get_object_or_404(_with_everything(Plan.objects.visible_to(user)), pk=pk)


def plan_to_change(user, pk) -> Plan:
    """The owner's plan; anyone else's is not found, whatever it is shared with."""
    return get_object_or_404(Plan.objects.owned_by(user), pk=pk)


def my_plans(user):
    return list(
        Plan.objects.owned_by(user)
        .newest_first()
        .select_related("gruppe")
        .prefetch_related(Prefetch("metoder", queryset=_CARDS.only("nummer", "navn")))
    )


def plans_shared_with(user):
    """Plans others have shared with this person by name, newest first."""
    return list(
        Plan.objects.filter(deling=Deling.NAVNGITT, delt_med=user)
        .exclude(eier=user)
        .newest_first()
        .select_related("eier", "gruppe")
        .prefetch_related(Prefetch("metoder", queryset=_CARDS.only("nummer", "navn")))
    )


def the_example(plan) -> Eksempel | None:
    """The example «Del erfaringen» made from the plan, if it has been sent."""
    return (
        Eksempel.objects.filter(innsending_id=plan.innsending_id)
        .only("id", "tittel", "slug", "status")
        .first()
    )


def plan_context(plan) -> dict:
    """The kjøreplan around the checklist: people per chosen card, what we know of the group."""
    metoder = list(plan.metoder.all())
    folk = komigang.people_per_card(gruppe_id=plan.gruppe_id, metode_ids=[m.pk for m in metoder])
    people, seen = [], set()
    for metode in metoder:
        for person in folk[metode.pk]:
            key = (person.navn, person.enhet)
            if key not in seen:
                seen.add(key)
                people.append(person)
    return {
        "metoder": metoder,
        "folk": people,
        "funn": komigang.group_findings(plan.gruppe) if plan.gruppe else [],
        "eksempel": the_example(plan),
    }


def share_initial(plan) -> dict:
    """The share form filled in from the plan («Del erfaringen»), with the plan's form key."""
    initial = {
        "tittel": plan.tittel,
        "distrikter": [plan.distrikt_id] if plan.distrikt_id else None,
        "situasjoner": [plan.situasjon] if plan.situasjon else None,
        "grupper": [plan.gruppe_id] if plan.gruppe_id else None,
        "metoder": [m.pk for m in plan.metoder.all()],
        "innsending_id": plan.innsending_id,
    }
    # Left out when empty, so the form's own suggestions (the last district) still apply.
    return {name: value for name, value in initial.items() if value}
