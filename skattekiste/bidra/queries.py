"""Queries for the share form: what to fill in for the employee, each in one query."""

from django.db.models import F, Value

from skattekiste.eksempler.models import Eksempel, EksempelTema

_THROUGH = {
    "distrikter": (Eksempel.distrikter.through, "eksempel_id", "distrikt_id"),
    "grupper": (Eksempel.grupper.through, "eksempel_id", "innbyggergruppe_id"),
    "metoder": (Eksempel.metoder.through, "eksempel_id", "metode_id"),
    "tema": (EksempelTema, "content_object_id", "tag_id"),
}


def relation_pks(eksempel_pks) -> dict[str, list[int]]:
    """{"distrikter": [ids], "grupper": …, "metoder": …, "tema": …} of the examples, one query.

    `eksempel_pks` is a list or a subquery; the form needs ids, not objects.
    """
    parts = [
        model.objects.filter(**{f"{own}__in": eksempel_pks})
        .annotate(relation=Value(name), ref=F(other))
        .values_list("relation", "ref")
        for name, (model, own, other) in _THROUGH.items()
    ]
    found = {name: [] for name in _THROUGH}
    for relation, ref in parts[0].union(*parts[1:], all=True):
        found[relation].append(ref)
    return found


def last_districts(user) -> list[int]:
    """The districts of the last example this person shared: most share for one district."""
    latest = Eksempel.objects.submitted_by(user).values("pk")[:1]
    through, own, other = _THROUGH["distrikter"]
    return list(through.objects.filter(**{f"{own}__in": latest}).values_list(other, flat=True))
