"""/planer/<pk>/historikk/: what changed in a plan and its checklist, who and when.

Read from the history django-simple-history keeps (models.py). The page names the fields
that changed, not their old text: the owner's earlier notes stay in the history only.
"""

import datetime
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import groupby

from skattekiste.planer.models import Plan, Planpunkt

# Bookkeeping every save touches: not a change the owner made.
_NOT_CHANGES = ["oppdatert", "opprettet", "versjon"]


@dataclass
class Endring:
    tid: datetime.datetime
    hvem: str
    hva: list[str] = field(default_factory=list)


def _who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user else "ukjent"


def _changed(new, old) -> list[str]:
    delta = new.diff_against(old, excluded_fields=_NOT_CHANGES)
    model = new.instance_type
    return [str(model._meta.get_field(change.field).verbose_name) for change in delta.changes]


def _step_changes(plan: Plan):
    records = Planpunkt.history.filter(plan_id=plan.pk).order_by("id", "history_date", "history_id")
    # A step's first record is the plan being made; only later ones are changes.
    for _, own in groupby(records, key=lambda record: record.id):
        own = list(own)
        for old, new in zip(own, own[1:], strict=False):
            if fields := _changed(new, old):
                yield new.history_date, f"punkt {new.rekkefolge}: {', '.join(fields)}"


def plan_history(plan: Plan) -> list[Endring]:
    """The plan's changes, newest first: two queries, however long the history.

    Every save writes the plan's row first and then the steps that changed
    (workflows.save_plan), so a step's change belongs to the plan record just before it.
    """
    records = list(
        plan.history.select_related("history_user").order_by("history_date", "history_id")
    )
    saves = [
        Endring(tid=new.history_date, hvem=_who(new), hva=_changed(new, old) if old else [])
        for old, new in zip([None, *records], records, strict=False)
    ]
    if saves:
        saves[0].hva = ["laget planen"]
    starts = [save.tid for save in saves]
    for tid, hva in sorted(_step_changes(plan)):
        index = bisect_right(starts, tid) - 1
        if index > 0:  # steps written with the plan itself are part of «laget planen»
            saves[index].hva.append(hva)
    return [save for save in reversed(saves) if save.hva]
