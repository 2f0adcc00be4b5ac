"""Facet counts for list pages: how many results each choice would give.

Each facet is counted with the other active filters applied, so the numbers
say what you get if you pick that choice. One query per facet, whatever the
number of rows.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from skattekiste.felles.text import norwegian_sort_key


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    selected_label: str = ""
    clear_url: str = ""


def querystring(params, **changes) -> str:
    """The current query string with `changes` applied; page is always reset."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def count_through(
    base: QuerySet, through, owner_field, value_field, label_field, order=None, distinct=False
):
    """Counts per related row through an M2M table: {value: (label, count)}.

    Pairs in an M2M table are unique, so a plain COUNT is exact and avoids the sort that
    COUNT(DISTINCT) needs; pass distinct=True when grouping by something coarser.
    """
    rows = (
        through.objects.filter(**{f"{owner_field}__in": base.values("pk")})
        .values(value_field, label_field)
        .annotate(n=Count(owner_field, distinct=distinct))
        .order_by(*([order] if order else []))
    )
    return {row[value_field]: (row[label_field], row["n"]) for row in rows}


def count_array(base: QuerySet, field_name: str, choices) -> dict:
    """Counts per value of an ArrayField of choices, in one aggregate query."""
    aggregates = {
        value: Count("pk", filter=Q(**{f"{field_name}__contains": [value]})) for value, _ in choices
    }
    counts = base.aggregate(**aggregates)
    return {value: (label, counts[value]) for value, label in choices}


def count_values(base: QuerySet, field_name: str) -> dict:
    rows = base.values(field_name).annotate(n=Count("pk")).order_by()
    return {row[field_name]: (str(row[field_name]), row["n"]) for row in rows}


def build_facet(*, name, label, counts: dict, selected: str | None, params, order="alpha") -> Facet:
    facet = Facet(name=name, label=label, clear_url=querystring(params, **{name: None}))
    options = []
    for value, (option_label, count) in counts.items():
        if value is None:
            continue
        value = str(value)
        is_selected = value == selected
        if count == 0 and not is_selected:
            continue
        if is_selected:
            facet.selected_label = option_label
        options.append(
            Option(
                value=value,
                label=option_label,
                count=count,
                selected=is_selected,
                url=querystring(params, **{name: None if is_selected else value}),
            )
        )
    if order == "alpha":
        options.sort(key=lambda option: norwegian_sort_key(option.label))
    elif order == "desc":
        options.sort(key=lambda option: option.value, reverse=True)
    facet.options = options
    return facet
