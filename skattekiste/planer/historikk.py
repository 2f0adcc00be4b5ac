"""/planer/<pk>/historikk/: what changed in a plan and its checklist, who and when.

Read from the history django-simple-history keeps (models.py). The page names the fields
that changed, not their old text: the owner's earlier notes stay in the history only. The
cards added or taken away are in the plan record's change reason (`method_change_reason`).
"""

import datetime
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import groupby

from metoder.models import Metode
from skattekiste.felles.text import join_norwegian
from skattekiste.planer.models import Plan, Planpunkt

# Bookkeeping every save touches: not a change the owner made.
_NOT_CHANGES = ["oppdatert", "opprettet", "versjon"]

# "metoder +4,7 -2": the cards' ids (all nine fit in the reason's 100 characters).
_METHODS = "metoder"


def method_change_reason(added, removed) -> str:
    """The change reason for a save that adds or takes away cards; empty when none."""
    signed = (("+", added), ("-", removed))
    parts = [sign + ",".join(str(m.pk) for m in cards) for sign, cards in signed if cards]
    return " ".join([_METHODS, *parts]) if parts else ""


def _method_ids(reason: str | None) -> tuple[list[int], list[int]]:
    parts = (reason or "").split()
    if not parts or parts[0] != _METHODS:
        return [], []
    added, removed = [], []
    for part in parts[1:]:
        (added if part.startswith("+") else removed).extend(int(i) for i in part[1:].split(","))
    return added, removed


def _method_changes(records) -> dict[int, list[str]]:
    """Per plan record, «la til metoden …» and «tok bort metoden …»: one query, only when
    some save changed the cards."""
    changes = {record.history_id: _method_ids(record.history_change_reason) for record in records}
    ids = {i for added, removed in changes.values() for i in (*added, *removed)}
    if not ids:
        return {}
    navn = dict(Metode.objects.filter(pk__in=ids).values_list("pk", "navn"))
    described = {}
    for history_id, (added, removed) in changes.items():
        lines = []
        for verb, cards in (("la til", added), ("tok bort", removed)):
            cards = [f"«{navn[i]}»" if i in navn else "(slettet metode)" for i in cards]
            if cards:
                lines.append(
                    f"{verb} {'metodene' if len(cards) > 1 else 'metoden'} {join_norwegian(cards)}"
                )
        described[history_id] = lines
    return described


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
    """The plan's changes, newest first: two queries, however long the history, and a
    third for the cards' names when the cards were changed.

    Every save writes the plan's row first and then the steps that changed
    (workflows.save_plan), so a step's change belongs to the plan record just before it.
    """
    records = list(
        plan.history.select_related("history_user").order_by("history_date", "history_id")
    )
    methods = _method_changes(records)
    saves = [
        Endring(
            tid=new.history_date,
            hvem=_who(new),
            hva=(_changed(new, old) if old else []) + methods.get(new.history_id, []),
        )
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
